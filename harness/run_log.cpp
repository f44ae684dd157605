#include "harness/run_log.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace paircheck::harness {

RunLog::RunLog(const std::string& path) : file_(std::fopen(path.c_str(), "w")), path_(path) {
  if (file_ == nullptr) {
    throw std::runtime_error("cannot write run log '" + path + "': " + std::strerror(errno));
  }
}

RunLog::~RunLog() {
  if (file_ != nullptr) std::fclose(file_);
}

bool RunLog::write_line(const nlohmann::json& line) {
  std::string text;
  bool exact = true;
  try {
    text = line.dump();
  } catch (const nlohmann::json::type_error&) {
    text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    exact = false;
  }
  read_back_.reset();
  if (!exact) read_back_ = nlohmann::json::parse(text);
  if (file_ == nullptr) return exact;
  text.push_back('\n');
  std::lock_guard lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
  return exact;
}

}  // namespace paircheck::harness
