#pragma once
// The subcommands; each returns the process exit code (0 conformant, 1 not conformant) and throws
// model::UsageError (or protocol::FixtureError) for a mistake before the run, which main.cpp
// turns into one line and exit 2.
#include <string>
#include <vector>

namespace paircheck::cli {

int run_command(const std::vector<std::string>& args);
int replay_command(const std::vector<std::string>& args);
int cleanup_command(const std::vector<std::string>& args);
int report_command(const std::vector<std::string>& args);
int fuzz_command(const std::vector<std::string>& args);
int baseline_command(const std::vector<std::string>& args);
int certify_command(const std::vector<std::string>& args);
int check_command(const std::vector<std::string>& args);
int diff_command(const std::vector<std::string>& args);

}  // namespace paircheck::cli
