// Peer: boost::unordered_flat_map (Boost 1.81 or later), boost::hash.
#include <boost/unordered/unordered_flat_map.hpp>

#include "bm_cxx.hpp"

using bm_u64 = boost::unordered_flat_map<uint64_t, uint64_t>;
using bm_str = boost::unordered_flat_map<std::string_view, uint64_t>;
BM_CXX_PEER("boost")
