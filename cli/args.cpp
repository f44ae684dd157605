#include "cli/args.hpp"

#include <algorithm>
#include <charconv>

#include "models/profile.hpp"

namespace paircheck::cli {

using model::UsageError;

Args::Args(const std::vector<std::string>& argv, const std::vector<FlagSpec>& specs,
           std::size_t max_positional) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (!arg.starts_with("--")) {
      if (positional_.size() >= max_positional) {
        throw UsageError("unexpected argument '" + arg + "' (see --help)");
      }
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg, inline_value;
    bool has_inline = false;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
      has_inline = true;
    }
    auto spec =
        std::find_if(specs.begin(), specs.end(), [&](const FlagSpec& s) { return s.name == name; });
    if (spec == specs.end()) throw UsageError("unknown flag '" + name + "' (see --help)");
    if (!spec->repeatable && values_.count(name) != 0) {
      throw UsageError(name + ": given twice");
    }
    if (!spec->takes_value) {
      if (has_inline) throw UsageError(name + ": takes no value");
      values_[name].push_back("");
      continue;
    }
    if (!has_inline) {
      if (i + 1 >= argv.size()) throw UsageError(name + ": needs a value");
      inline_value = argv[++i];
    }
    values_[name].push_back(inline_value);
  }
}

std::optional<std::string> Args::get(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::all(const std::string& flag) const {
  auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::get_or(const std::string& flag, const std::string& fallback) const {
  return get(flag).value_or(fallback);
}

std::uint64_t Args::number_or(const std::string& flag, std::uint64_t fallback, std::uint64_t min,
                              std::uint64_t max) const {
  auto text = get(flag);
  if (!text) return fallback;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc{} || end != text->data() + text->size() || value < min ||
      value > max) {
    throw UsageError(flag + ": expected an integer " + std::to_string(min) + ".." +
                     std::to_string(max) + ", got '" + *text + "'");
  }
  return value;
}

}  // namespace paircheck::cli
