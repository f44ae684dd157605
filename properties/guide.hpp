#pragma once
// Guidance for the gene decoder: a rough guess of where each pair of the sequence is in its
// lifecycle, so that most steps move a pair along it (Create, settle, Start, Stop, Failover,
// Reprotect, Delete...) and the deep statuses the contract cares about are reached in a few steps.
// The guess only steers generation; the model (models/) alone judges. It need not be right.
#include <array>
#include <cstddef>
#include <cstdint>

namespace paircheck::properties {

enum class Op : std::uint8_t {
  kCreate,
  kStart,
  kStartOneShot,
  kStop,
  kFailover,
  kReprotect,
  kDelete,
  kModify,
  kDescribe,
  kDescribePage,
  kProgress,
  kAttach,
  kDetach,
  kWait,
  kSettle,
  kReplay,
};

enum class Phase : std::uint8_t {
  kNone,
  kCreating,
  kCreated,
  kSyncing,
  kManual,
  kStopping,
  kStopped,
  kFailingOver,
  kFailovered,
  kReprotecting,
  kDeleting,
  kDeleted,
};

class Guide {
 public:
  static constexpr std::size_t kSlots = 3;

  // The next step for pair `slot` along its lifecycle; `pick` chooses among the candidates.
  Op next(std::size_t slot, std::uint8_t pick) const;
  // Whether the pair's current destination is its standby region (false after a reversing
  // Reprotect): Failover and Reprotect go there, Delete to the other side.
  bool destination_is_standby(std::size_t slot) const { return !reversed_[slot]; }
  Phase phase(std::size_t slot) const { return phase_[slot]; }
  // A full sync's S2 cycle (docs/mutation.md, 284 and 313): after a Start, a settle sees the
  // initial sync end (`normal`), and a wait of one cycle then lands in `syncing`, where Failover
  // is allowed and Delete is not; without the settle the model cannot rule out `initial_syncing`.
  // True while the next wait is that one.
  bool waits_for_sync(std::size_t slot) const { return sync_step_[slot] == 1; }
  // Pairs created so far: the next Create makes pair `created()`.
  std::size_t created() const { return created_; }
  // Updates the guess as if `op` on `slot` was accepted (`right_site`: sent where it must be).
  void record(Op op, std::size_t slot, bool right_site, bool reverse);
  // Notes the step just decoded, accepted or not: after an undamaged call that may change state,
  // next() sometimes sends it again exactly (I1 replay of a success, for each of the seven
  // mutating operations, Modify included), which an independent pick of kReplay reached rarely.
  // A first page (kDescribePage) also makes next() follow it sometimes, so that walks of two
  // pages, where O9 paging bugs show, are not the product of two independent rare picks.
  void decoded(Op op, bool damaged) {
    replayable_ = !damaged && mutating(op);
    paging_ = op == Op::kDescribePage;
  }

  static bool mutating(Op op) {
    return op == Op::kCreate || op == Op::kStart || op == Op::kStartOneShot || op == Op::kStop ||
           op == Op::kFailover || op == Op::kReprotect || op == Op::kDelete || op == Op::kModify;
  }

 private:
  std::array<Phase, kSlots> phase_{};
  std::array<bool, kSlots> reversed_{};
  // The pair's last accepted Start was a OneShot: once it settles in `stopped`, another OneShot
  // is a lifecycle step (O3's cooldown is where it lands), not one pick among nine.
  std::array<bool, kSlots> manual_{};
  // Steps along a full sync since the last Start: 0 none, 1 settled (initial sync over), 2
  // waited one cycle after it (`syncing`).
  std::array<std::uint8_t, kSlots> sync_step_{};
  std::size_t created_ = 0;  // pairs created so far (slots fill in order)
  bool replayable_ = false;  // the last step was an undamaged mutating call
  bool paging_ = false;      // the last step was a page of a Describe walk
};

}  // namespace paircheck::properties
