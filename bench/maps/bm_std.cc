// Peer: std::unordered_map (libstdc++), std::hash.
#include <unordered_map>

#include "bm_cxx.hpp"

using bm_u64 = std::unordered_map<uint64_t, uint64_t>;
using bm_str = std::unordered_map<std::string_view, uint64_t>;
BM_CXX_PEER("std")
