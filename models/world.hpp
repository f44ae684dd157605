// One state of the target (judge.md "World"): pairs (§5), disk attachments (X1-X3) and the
// idempotency ledger (I1-I5). A plain, canonical value (sorted containers) so that dedup works.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/cow.hpp"
#include "models/request.hpp"
#include "models/status.hpp"

namespace paircheck::model {

struct MsInterval {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
  friend bool operator==(const MsInterval&, const MsInterval&) = default;
};

struct Endpoint {
  std::string region, zone, disk;
  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

// A pending pair (unknown Create outcome, M2) has an ID starting with '?' until a response shows
// it.
inline constexpr char kPendingMark = '?';

struct Pair {
  std::string id;
  PairStatus status = PairStatus::kCreating;
  std::string name, description;
  std::string resource_group;    // Create's ResourceGroupId: O9 lists by it (§11 O9)
  Endpoint source, destination;  // current direction (§11 O5-O7)
  std::string primary_region, primary_zone, standby_region, standby_zone;  // never change
  std::int64_t rpo = 900;
  std::int64_t bandwidth = 10240;
  std::string charge_type = "POSTPAY";
  std::optional<MsInterval> last_oneshot;  // O3: last accepted OneShot=true start
  bool synced = false;                     // O10: a sync has completed (RecoverPoint > 0)
  std::int64_t recover_point_floor = 0;    // O10: RecoverPoint never decreases
  std::int64_t progress_floor = 0;         // O10: Progress never decreases within one sync
  bool pending() const { return !id.empty() && id[0] == kPendingMark; }
  friend bool operator==(const Pair&, const Pair&) = default;
};

// The idempotency ledger entry of one (Action, ClientToken); the account is the universe's.
struct TokenEntry {
  std::string action;
  std::string token;
  Params params;                // business params as sent, sorted, without ClientToken (I2)
  std::string pair_id;          // Create: the ReplicaPairId the first call returned (I1)
  MsInterval at;                // when the first call was processed (I5)
  std::vector<int> error_http;  // only with overrides.I3.consumed_on_error:
  std::vector<std::string> error_codes;  // the error the replay repeats
  friend bool operator==(const TokenEntry&, const TokenEntry&) = default;
};

// Each container is shared with the world it was copied from until it changes (Cow): read it as
// a container, change it through write() or the members below.
struct World {
  Cow<std::vector<Pair>> pairs;                                    // sorted by id
  Cow<std::vector<std::pair<std::string, std::string>>> attached;  // disk -> instance, sorted
  Cow<std::vector<TokenEntry>> tokens;                             // sorted by (action, token)

  const Pair* pair(std::string_view id) const;
  Pair* pair(std::string_view id);  // for writing: unshares the pairs when the pair exists
  const TokenEntry* token(std::string_view action, std::string_view token) const;
  const std::string* instance_of(std::string_view disk) const;  // nullptr = detached
  // A pair in any status but deleted that uses this disk (O1, X3); nullptr if none.
  const Pair* live_pair_with_disk(std::string_view disk) const;

  void put_pair(Pair p);         // insert or replace, keeps order
  void put_token(TokenEntry e);  // insert or replace, keeps order
  void erase_token(std::string_view action, std::string_view token);
  void attach(std::string disk, std::string instance);
  void detach(std::string_view disk);
  // Renames a pair everywhere (pairs and ledger): binds a pending pair to its real ID.
  void rename_pair(std::string_view from, const std::string& to);

  friend bool operator==(const World&, const World&) = default;
};

std::size_t hash_value(const World& w);
struct WorldHash {
  std::size_t operator()(const World& w) const { return hash_value(w); }
};

}  // namespace paircheck::model
