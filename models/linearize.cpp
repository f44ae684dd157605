#include "models/linearize.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace paircheck::model {
namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kMaxPiece = 64;  // the memo's bitmask

// One call as the search sees it.
struct Call {
  std::size_t input = 0;               // position in `calls`
  const Request* request = nullptr;    // as sent (what the records show)
  Request judged;                      // as judged: an unknown outcome's interval reaches the end
  const Observed* observed = nullptr;  // nullptr: unknown outcome (M2)
  std::int64_t sent = 0;
  std::int64_t received = 0;  // kNever for an unknown outcome: it never bounds the others
};

struct MemoKey {
  std::uint64_t mask = 0;
  std::uint64_t hash = 0;
  friend bool operator==(const MemoKey&, const MemoKey&) = default;
};

struct MemoKeyHash {
  std::size_t operator()(const MemoKey& k) const {
    return static_cast<std::size_t>(k.hash ^ (k.mask * 0x9e3779b97f4a7c15ULL));
  }
};

StepRecord judge_call(BeliefSet& b, const Call& c, std::size_t first_index) {
  StepRecord r = b.judge(first_index + c.input, c.judged, c.observed);
  r.request = *c.request;
  return r;
}

// Wing & Gong's depth-first search with Lowe's memo over one piece of the history (calls sorted
// by `sent`, so the first order tried is the order they were sent in).
class Search {
 public:
  Search(const std::vector<Call>& piece, std::size_t first_index, std::size_t budget,
         std::size_t& nodes)
      : piece_(piece), first_index_(first_index), budget_(budget), nodes_(nodes) {}

  void run(const BeliefSet& start) { visit(start, 0); }

  bool out_of_budget = false;
  std::optional<BeliefSet> ends;            // the union of the end states of every order
  std::vector<std::size_t> witness;         // the first complete order (positions in the piece)
  std::vector<StepRecord> witness_records;  // its records, in its order
  std::vector<std::size_t> furthest_fail;   // the longest failing order: a prefix, then the call
  std::vector<std::size_t> deepest;         // the longest conformant prefix reached

 private:
  void visit(const BeliefSet& b, std::uint64_t mask) {
    const std::size_t n = piece_.size();
    if (path_.size() == n) {
      if (ends) {
        ends->merge(b);
      } else {
        ends = b;
        witness = path_;
        witness_records = records_;
      }
      return;
    }
    // Nothing that was answered before a candidate was sent may come after it.
    std::int64_t horizon = kNever;
    for (std::size_t i = 0; i < n; ++i) {
      if ((mask >> i & 1U) == 0) horizon = std::min(horizon, piece_[i].received);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if ((mask >> i & 1U) != 0 || piece_[i].sent > horizon) continue;
      if (nodes_ >= budget_) {
        out_of_budget = true;
        return;
      }
      ++nodes_;
      BeliefSet next = b;
      StepRecord r = judge_call(next, piece_[i], first_index_);
      if (!r.verdict.conformant) {  // this order is impossible; remember the furthest one
        if (path_.size() + 1 > furthest_fail.size()) {
          furthest_fail = path_;
          furthest_fail.push_back(i);
        }
        continue;
      }
      const std::uint64_t m = mask | (std::uint64_t{1} << i);
      if (!memo_.insert(MemoKey{m, next.hash()}).second) continue;  // explored from here already
      path_.push_back(i);
      records_.push_back(std::move(r));
      if (path_.size() > deepest.size()) deepest = path_;
      visit(next, m);
      path_.pop_back();
      records_.pop_back();
      if (out_of_budget) return;
    }
  }

  const std::vector<Call>& piece_;
  std::size_t first_index_;
  std::size_t budget_;
  std::size_t& nodes_;
  std::vector<std::size_t> path_;
  std::vector<StepRecord> records_;
  std::unordered_set<MemoKey, MemoKeyHash> memo_;
};

}  // namespace

Linearized linearize(BeliefSet& beliefs, const std::vector<TimedCall>& calls,
                     const LinearizeOptions& options, std::size_t first_index) {
  Linearized out;
  out.records.resize(calls.size());
  if (calls.empty()) return out;

  // An unknown outcome may take effect at any point up to the end of the history: it is judged
  // with that interval (so cooldown, token and nonce times stay sound wherever it lands).
  std::int64_t end = std::numeric_limits<std::int64_t>::min();
  for (const TimedCall& c : calls) {
    end = std::max({end, c.request.time.sent_ms, c.request.time.received_ms});
  }
  std::vector<Call> all;
  all.reserve(calls.size());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const TimedCall& t = calls[i];
    Call c;
    c.input = i;
    c.request = &t.request;
    c.judged = t.request;
    c.observed = t.observed ? &*t.observed : nullptr;
    c.sent = t.request.time.sent_ms;
    c.received = std::max(c.sent, t.request.time.received_ms);
    if (c.observed == nullptr) {
      c.received = kNever;
      c.judged.time.received_ms = std::max(t.request.time.received_ms, end);
    }
    all.push_back(std::move(c));
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Call& a, const Call& b) { return a.sent < b.sent; });

  // Cut where no call is in flight: every order respects the cut, so pieces are searched in turn.
  std::vector<std::vector<Call>> pieces;
  std::int64_t reach = std::numeric_limits<std::int64_t>::min();
  for (Call& c : all) {
    if (pieces.empty() || c.sent > reach) pieces.emplace_back();
    reach = std::max(reach, c.received);
    pieces.back().push_back(std::move(c));
  }

  // Records for the calls from piece p on when no verdict stands: `prefix` (positions in piece p)
  // first, then every other call in order of `sent`.
  auto replay = [&](const BeliefSet& from, std::size_t p, const std::vector<std::size_t>& prefix) {
    BeliefSet b = from;
    std::vector<bool> done(pieces[p].size(), false);
    for (std::size_t k : prefix) {
      out.records[pieces[p][k].input] = judge_call(b, pieces[p][k], first_index);
      done[k] = true;
    }
    for (std::size_t k = 0; k < pieces[p].size(); ++k) {
      if (!done[k]) out.records[pieces[p][k].input] = judge_call(b, pieces[p][k], first_index);
    }
    for (std::size_t q = p + 1; q < pieces.size(); ++q) {
      for (const Call& c : pieces[q]) out.records[c.input] = judge_call(b, c, first_index);
    }
  };

  BeliefSet state = beliefs;
  for (std::size_t p = 0; p < pieces.size(); ++p) {
    const std::vector<Call>& piece = pieces[p];
    if (piece.size() > kMaxPiece) {
      out.result = Linearized::Result::kUnknown;
      out.reason = std::to_string(piece.size()) + " calls overlap (at most " +
                   std::to_string(kMaxPiece) + " are searched)";
      replay(state, p, {});
      break;
    }
    Search search(piece, first_index, options.node_budget, out.nodes);
    search.run(state);
    if (search.out_of_budget) {
      out.result = Linearized::Result::kUnknown;
      out.reason = "node budget of " + std::to_string(options.node_budget) + " spent " +
                   (search.ends ? "before every order of " : "without an order of ") +
                   std::to_string(piece.size()) + " overlapping calls" +
                   (search.ends ? " was explored" : " that explains them");
      replay(state, p, search.deepest);
      break;
    }
    if (!search.ends && !search.furthest_fail.empty()) {
      out.result = Linearized::Result::kNotLinearizable;
      replay(state, p, search.furthest_fail);
      out.failure = out.records[piece[search.furthest_fail.back()].input].verdict;
      break;
    }
    if (!search.ends) {  // cannot happen: a search with no order found saw some order fail
      out.result = Linearized::Result::kUnknown;
      out.reason = "the search found no order and no failing order";
      replay(state, p, search.deepest);
      break;
    }
    for (std::size_t k = 0; k < search.witness.size(); ++k) {
      const std::size_t input = piece[search.witness[k]].input;
      out.order.push_back(input);
      out.records[input] = std::move(search.witness_records[k]);
    }
    state = std::move(*search.ends);
  }
  if (out.result == Linearized::Result::kLinearizable) {
    beliefs = std::move(state);
  } else {
    out.order.clear();
  }
  return out;
}

}  // namespace paircheck::model
