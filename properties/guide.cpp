#include "properties/guide.hpp"

#include <initializer_list>
#include <vector>

namespace paircheck::properties {
namespace {

Op pick_from(std::initializer_list<Op> ops, std::uint8_t pick) {
  return *(ops.begin() + pick % ops.size());
}

// The step that takes a pair deeper into its lifecycle from each phase (two choices where the
// lifecycle forks): half of the guided steps take it, so failover, reprotect and delete come soon.
Op advance(Phase phase, bool manual, std::uint8_t pick) {
  switch (phase) {
    case Phase::kNone:
    case Phase::kDeleted:
      return Op::kCreate;
    case Phase::kCreated:
      return pick % 2 ? Op::kStart : Op::kStartOneShot;
    case Phase::kSyncing:
      return pick % 2 ? Op::kStop : Op::kFailover;
    case Phase::kManual:
      return pick % 2 ? Op::kSettle : Op::kFailover;
    case Phase::kStopped:  // after a manual sync, a second one tests the cooldown (O3)
      return manual     ? pick_from({Op::kDelete, Op::kFailover, Op::kStartOneShot}, pick)
             : pick % 2 ? Op::kDelete
                        : Op::kFailover;
    case Phase::kFailovered:
      return pick % 2 ? Op::kDelete : Op::kReprotect;
    default:
      return Op::kSettle;  // creating, stopping, failovering, reprotecting, deleting
  }
}

}  // namespace

Op Guide::next(std::size_t slot, std::uint8_t pick) const {
  if (replayable_ && pick % 16 == 1) return Op::kReplay;    // I1: the call just sent, again
  if (paging_ && pick % 16 == 3) return Op::kDescribePage;  // O9: the page after the last
  // S2 (guide.hpp): a quarter of the picks settle a started pair, then three quarters walk on
  // (a Delete, refused in `syncing`, twice as often as a Failover, accepted there).
  if (slot < created_ && phase_[slot] == Phase::kSyncing &&
      (pick % 4 == 2 || (sync_step_[slot] > 0 && pick % 4 != 3))) {
    if (sync_step_[slot] == 0) return Op::kSettle;
    if (sync_step_[slot] == 1) return Op::kWait;
    return pick / 4 % 3 == 0 ? Op::kFailover : Op::kDelete;
  }
  if (slot < created_ && pick % 2 == 0) return advance(phase_[slot], manual_[slot], pick / 2);
  pick = static_cast<std::uint8_t>(pick / 2);
  // A pair that does not exist yet is created (slots fill in order), sometimes after attaching
  // the disk that will be its destination (O2's device check).
  if (slot >= created_)
    return pick_from({Op::kCreate, Op::kCreate, Op::kCreate, Op::kAttach}, pick);
  switch (phase_[slot]) {
    case Phase::kNone:
      return pick_from({Op::kCreate, Op::kDescribe}, pick);
    case Phase::kDeleted:  // every call on a deleted pair is a 404 (O0) the map counts per status
      return pick_from({Op::kCreate, Op::kDescribe, Op::kStart, Op::kStartOneShot, Op::kStop,
                        Op::kFailover, Op::kReprotect, Op::kDelete, Op::kModify, Op::kProgress},
                       pick);
    case Phase::kCreating:
      return pick_from(
          {Op::kSettle, Op::kSettle, Op::kDescribe, Op::kStart, Op::kDescribePage, Op::kCreate},
          pick);
    case Phase::kCreated:
      return pick_from({Op::kStart, Op::kStartOneShot, Op::kStartOneShot, Op::kModify, Op::kAttach,
                        Op::kDelete, Op::kFailover, Op::kReplay, Op::kDescribePage, Op::kCreate},
                       pick);
    case Phase::kSyncing:  // a wait lands in `syncing` (S2), where Failover is allowed, Delete not
      return pick_from(
          {Op::kSettle, Op::kStop, Op::kStop, Op::kFailover, Op::kStart, Op::kProgress,
           Op::kDescribe, Op::kReplay, Op::kDescribePage, Op::kWait, Op::kDelete, Op::kReprotect},
          pick);
    case Phase::kManual:
      return pick_from(
          {Op::kSettle, Op::kStop, Op::kFailover, Op::kStartOneShot, Op::kProgress, Op::kModify},
          pick);
    case Phase::kStopping:
    case Phase::kFailingOver:
    case Phase::kReprotecting:
    case Phase::kDeleting:  // just accepted: replaying it exactly is I1 for Stop, Failover...
      // ... and every other operation is refused in a transient status, or sent where the pair
      // is not (the coverage map's status cells: docs/scorecard.md "Cells").
      return pick_from({Op::kSettle, Op::kSettle, Op::kDescribe, Op::kFailover, Op::kDescribePage,
                        Op::kReplay, Op::kStart, Op::kStartOneShot, Op::kStop, Op::kReprotect,
                        Op::kDelete, Op::kModify, Op::kProgress},
                       pick);
    case Phase::kStopped:
      return pick_from({Op::kDelete, Op::kStart, Op::kStartOneShot, Op::kFailover, Op::kModify,
                        Op::kWait, Op::kDescribePage, Op::kReplay, Op::kProgress},
                       pick);
    case Phase::kFailovered:
      return pick_from({Op::kReprotect, Op::kReprotect, Op::kReprotect, Op::kDelete, Op::kFailover,
                        Op::kAttach, Op::kDetach, Op::kReplay, Op::kProgress},
                       pick);
  }
  return Op::kDescribe;
}

void Guide::record(Op op, std::size_t slot, bool right_site, bool reverse) {
  if (slot >= kSlots) return;
  Phase& p = phase_[slot];
  auto in = [&](std::initializer_list<Phase> phases) {
    for (Phase x : phases) {
      if (p == x) return true;
    }
    return false;
  };
  switch (op) {
    case Op::kCreate:
      if (created_ < kSlots) phase_[created_++] = Phase::kCreating;
      break;
    case Op::kSettle:
      if (p == Phase::kSyncing) sync_step_[slot] = 1;  // the settle saw the initial sync end
      switch (p) {
        case Phase::kCreating:
          p = Phase::kCreated;
          break;
        case Phase::kManual:
        case Phase::kStopping:
        case Phase::kReprotecting:
          p = Phase::kStopped;
          break;
        case Phase::kFailingOver:
          p = Phase::kFailovered;
          break;
        case Phase::kDeleting:
          p = Phase::kDeleted;
          break;
        default:
          break;
      }
      break;
    case Op::kStart:
      if (in({Phase::kCreated, Phase::kStopped})) {
        p = Phase::kSyncing;
        manual_[slot] = false;
        sync_step_[slot] = 0;
      }
      break;
    case Op::kWait:  // one cycle on: `syncing` after `normal`, `normal` after `syncing`
      if (p == Phase::kSyncing && sync_step_[slot] > 0)
        sync_step_[slot] = sync_step_[slot] == 1 ? 2 : 1;
      break;
    case Op::kStartOneShot:
      if (in({Phase::kCreated, Phase::kStopped})) {
        p = Phase::kManual;
        manual_[slot] = true;
      }
      break;
    case Op::kStop:
      if (in({Phase::kSyncing, Phase::kManual})) p = Phase::kStopping;
      break;
    case Op::kFailover:
      if (right_site && in({Phase::kSyncing, Phase::kManual, Phase::kStopping, Phase::kStopped})) {
        p = Phase::kFailingOver;
      }
      break;
    case Op::kReprotect:
      if (right_site && p == Phase::kFailovered) {
        p = Phase::kReprotecting;
        if (reverse) reversed_[slot] = !reversed_[slot];
      }
      break;
    case Op::kDelete:
      if (right_site && in({Phase::kStopped, Phase::kFailovered})) p = Phase::kDeleting;
      break;
    default:
      break;
  }
}

}  // namespace paircheck::properties
