// Peer: absl::flat_hash_map (Debian libabsl-dev), absl::Hash.
#include <absl/container/flat_hash_map.h>

#include "bm_cxx.hpp"

using bm_u64 = absl::flat_hash_map<uint64_t, uint64_t>;
using bm_str = absl::flat_hash_map<std::string_view, uint64_t>;
BM_CXX_PEER("absl")
