// Request builders for tests, the harness and the fuzzer: a well-formed envelope and the business
// params of each operation (O1-O10, X1-X2). Add or change params afterwards to break P rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/request.hpp"

namespace paircheck::model::requests {

struct CreateArgs {
  std::string region, zone, disk;                 // source
  std::string dest_region, dest_zone, dest_disk;  // destination
  std::optional<std::string> token;
  std::optional<std::string> name, description;
};

Request create(const CreateArgs& a);
Request start(const std::string& region, const std::string& pair,
              std::optional<bool> one_shot = std::nullopt,
              const std::optional<std::string>& token = std::nullopt);
Request stop(const std::string& region, const std::string& pair,
             const std::optional<std::string>& token = std::nullopt);
Request failover(const std::string& region, const std::string& pair,
                 const std::optional<std::string>& token = std::nullopt);
Request reprotect(const std::string& region, const std::string& pair,
                  std::optional<bool> reverse = std::nullopt,
                  const std::optional<std::string>& token = std::nullopt);
Request remove(const std::string& region, const std::string& pair,  // DeleteDiskReplicaPair
               const std::optional<std::string>& token = std::nullopt);
Request modify(const std::string& region, const std::string& pair,
               const std::optional<std::string>& name = std::nullopt,
               const std::optional<std::string>& token = std::nullopt);
Request describe(const std::string& region, const std::optional<std::string>& site = std::nullopt);
Request progress(const std::string& region, const std::string& pair);
Request attach(const std::string& instance, const std::string& disk);
Request detach(const std::string& instance, const std::string& disk);

// Sets (replaces) or removes a param; returns the request for chaining.
Request& set_param(Request& r, const std::string& name, const std::string& value);
Request& erase_param(Request& r, const std::string& name);
Request& at(Request& r, std::int64_t ms);  // point interval (virtual clock)

}  // namespace paircheck::model::requests
