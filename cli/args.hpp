#pragma once
// Command-line flags of one subcommand: declared once, parsed strictly. A bad flag or value is a
// model::UsageError naming it (exit 2 in main.cpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace paircheck::cli {

struct FlagSpec {
  std::string name;  // "--seed"
  bool takes_value;  // false: a switch
  bool repeatable = false;
};

class Args {
 public:
  Args(const std::vector<std::string>& argv, const std::vector<FlagSpec>& specs,
       std::size_t max_positional);

  bool has(const std::string& flag) const { return values_.count(flag) != 0; }
  std::optional<std::string> get(const std::string& flag) const;
  std::vector<std::string> all(const std::string& flag) const;
  std::string get_or(const std::string& flag, const std::string& fallback) const;
  std::uint64_t number_or(const std::string& flag, std::uint64_t fallback, std::uint64_t min,
                          std::uint64_t max) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

}  // namespace paircheck::cli
