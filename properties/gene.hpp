#pragma once
// A step's genes: eight small numbers that decode into one Step of a request sequence. RapidCheck
// generates and shrinks genes (0 is always the simplest choice), the fuzzer reads them from bytes,
// and both share this one decoder, so every generated sequence is a valid replay file.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/sequence.hpp"
#include "models/universe.hpp"
#include "properties/guide.hpp"

namespace paircheck::properties {

struct Gene {
  std::uint8_t op = 0;        // which operation (weighted table), or a wait / settle / replay
  std::uint8_t slot = 0;      // which pair of the sequence ({pair:N})
  std::uint8_t side = 0;      // RegionId: the pair's primary, its standby, or a third region
  std::uint8_t token = 0;     // ClientToken: fresh, none, reused, mismatched, oversized, not ASCII
  std::uint8_t variant = 0;   // operation details: disks, OneShot, Site, paging, names, waits
  std::uint8_t mutation = 0;  // parameter damage: missing, empty, oversized, non-UTF-8, wrong type
  std::uint8_t envelope = 0;  // gateway faults: identity, secret, method, version, time, nonce
  std::uint8_t extra = 0;     // a second choice for the details

  friend bool operator==(const Gene&, const Gene&) = default;
};

inline constexpr std::size_t kGeneBytes = 8;

// Decodes genes against the fixture's disks, instances and identities.
class SequenceDecoder {
 public:
  explicit SequenceDecoder(model::Universe universe);

  // Races (gene_race.cpp, harness.md "Races"): with races on, a quarter of the undamaged pair
  // mutations become a race step, the call and a partner on the same pair sent at once. Off by
  // default: the fuzzer's codec and a seeded search decode as before (thread scheduling is not
  // seeded, so a race makes a run less exact).
  void allow_races(bool on) { races_ = on; }
  bool races() const { return races_; }

  // `phases`, if given, gets the guide's guess of each step's pair before the step (steering);
  // `damaged`, if given, whether each step was decoded with a part the target must refuse.
  harness::Sequence decode(const std::vector<Gene>& genes, std::vector<Phase>* phases = nullptr,
                           std::vector<bool>* damaged = nullptr) const;
  // Decoding one step at a time (step-wise steering, steering.hpp): `peek` decodes a gene as the
  // next step without taking it, `push` takes it. decode() is push after push, so the steps a
  // cursor built are the steps decode() makes of the same genes.
  class Cursor {
   public:
    explicit Cursor(const SequenceDecoder& decoder) : decoder_(&decoder) {}
    struct Peek {
      harness::Step step;
      Phase phase;   // the guide's guess of the step's pair before it
      bool damaged;  // decoded with a part the target must refuse (it moves no pair on)
      Phase next;    // the guide's guess of the step's pair after it
    };
    Peek peek(const Gene& g) const;
    Phase push(const Gene& g);                           // the phase, as peek gives it
    bool last_damaged() const { return last_damaged_; }  // of the step push() took last
    harness::Sequence take() { return std::move(out_); }

   private:
    const SequenceDecoder* decoder_;
    Guide guide_;
    harness::Sequence out_;
    // With races on, later genes (a replay, a reused token, paging) refer to the steps as
    // decoded without races, so that every step that is not a race decodes as it would without.
    harness::Sequence plain_;
    bool last_damaged_ = false;
  };

  // A gene that decodes to `op` on pair `slot`, whatever came before (tests build sequences with
  // it: a replay after every call, a settle after every step).
  static Gene unguided(Op op, std::uint8_t slot = 0);
  // Genes from raw bytes, kGeneBytes per step (a short tail is dropped): the fuzzer's codec.
  static std::vector<Gene> genes_from_bytes(const std::uint8_t* data, std::size_t size);

 private:
  struct Region {
    std::string id;
    std::vector<model::DiskFixture> disks;
    std::vector<model::InstanceFixture> instances;
  };
  // What one gene asks for: an operation on a pair, in a region.
  struct Choice {
    Op op;
    std::size_t slot;
    std::string region;  // for pair operations and Describe
    bool right_site;     // the region the operation must be sent to (as far as the guide knows)
    bool guided;
  };
  Choice choose(const Gene& g, const Guide& guide) const;
  // `damaged`: whether the call was decoded with a part the target must refuse (a damaged
  // parameter, token or envelope, an O1 mistake in a Create), so the guide does not count on it.
  harness::Step decode_one(const Gene& g, std::size_t index, const std::vector<harness::Step>& done,
                           const Choice& choice, const Guide& guide, bool& damaged) const;
  harness::Step create(const Gene& g, std::optional<std::size_t> guided_slot,
                       bool* damaged = nullptr) const;
  harness::Step pair_call(const Choice& c, const std::string& action) const;
  harness::Step disk_call(const Gene& g, const std::string& action) const;
  // Attach/Detach of a guided pair's disk: the destination before it exists (O2's device check),
  // the current source once failed over (O6's).
  harness::Step guided_disk_call(const Choice& c, const Guide& guide,
                                 const std::string& action) const;
  harness::Step describe(const Gene& g, const Choice& c,
                         const std::vector<harness::Step>& done) const;
  // Each returns whether it damaged the call (the target must refuse it).
  bool apply_token(harness::Step& step, const Gene& g, std::size_t index,
                   const std::vector<harness::Step>& done) const;
  bool apply_mutation(harness::Step& step, const Gene& g, std::size_t index) const;
  bool apply_envelope(harness::Step& step, const Gene& g, std::size_t index) const;
  // Turns `step` (the call `g` decoded to) into a race step when races are on and `g` says so.
  void make_race(harness::Step& step, const Gene& g, std::size_t index, const Choice& c,
                 const Guide& guide) const;

  model::Universe universe_;
  std::vector<Region> regions_;             // regions with disks, in fixture order
  std::vector<std::string> readonly_keys_;  // identities that may not call everything (G11)
  bool races_ = false;
};

}  // namespace paircheck::properties
