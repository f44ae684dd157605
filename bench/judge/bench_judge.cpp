// bench_judge: how fast the judge (M1) observes responses and how large its belief set gets over
// generated 50-request histories (10% unknown outcomes, M2). Prints `name: value unit` lines and
// asserts nothing about time. Usage: bench_judge [histories=400]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "models/belief_set.hpp"
#include "models/history_gen.hpp"

namespace pm = paircheck::model;

namespace {

pm::Universe universe() {
  pm::Universe u;
  u.account_id = "1000000000000001";
  u.identities = {{"ak-admin", {"*"}},
                  {"ak-readonly", {"DescribeDiskReplicaPairs", "DescribeDiskReplicaPairProgress"}}};
  u.disks = {{"d-hz-1", "cn-hangzhou", "cn-hangzhou-h"},
             {"d-hz-2", "cn-hangzhou", "cn-hangzhou-h"},
             {"d-sh-1", "cn-shanghai", "cn-shanghai-e"},
             {"d-sh-2", "cn-shanghai", "cn-shanghai-e"}};
  u.instances = {{"i-hz-1", "cn-hangzhou", "cn-hangzhou-h"},
                 {"i-sh-1", "cn-shanghai", "cn-shanghai-e"}};
  return u;
}

}  // namespace

int main(int argc, char** argv) {
  const int histories = argc > 1 ? std::atoi(argv[1]) : 400;
  const pm::Universe u = universe();
  const pm::Profile profile = pm::default_profile();
  std::size_t observes = 0, largest = 0, nonconformant = 0;
  double observe_seconds = 0;
  for (int h = 0; h < histories; ++h) {
    pm::WordStream words(static_cast<std::uint64_t>(h) + 1);
    pm::BeliefSet judge(u, profile);
    std::int64_t now = 0;
    for (int i = 0; i < 50; ++i) {
      now += static_cast<std::int64_t>(words.next() % 300'000);
      pm::Request r = pm::make_request(judge, words.words(), now);
      if (words.next() % 10 == 0) {
        judge.observe_unknown(r);
      } else {
        pm::Observed o = judge.example(r, words.next() % 8);  // not timed: the target's part
        auto t0 = std::chrono::steady_clock::now();
        pm::Verdict v = judge.observe(r, o);
        observe_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        ++observes;
        if (!v.conformant) ++nonconformant;
      }
      largest = std::max(largest, judge.size());
    }
  }
  std::printf("judge_observe_per_s: %.0f calls/s\n",
              observe_seconds > 0 ? static_cast<double>(observes) / observe_seconds : 0.0);
  std::printf("judge_max_belief_set: %zu worlds\n", largest);
  std::printf("judge_histories: %d histories\n", histories);
  std::printf("judge_nonconformant_own_outcomes: %zu verdicts\n", nonconformant);
  return 0;
}
