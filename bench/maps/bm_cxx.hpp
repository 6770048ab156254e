// The C++ peers' side of bm.h, as a template over the two map types: each
// peer's .cc file instantiates it with its maps (std::string_view keys
// borrow the key bytes, as gogrow's gg_rt_str and Go's strings do).
#ifndef BM_CXX_HPP
#define BM_CXX_HPP

#include <cstdint>
#include <string_view>

#include "bm.h"

template <class U64Map, class StrMap> struct bm_pair {
	U64Map u;
	StrMap s;
	int str;
};

template <class U64Map, class StrMap> struct bm_impl {
	using P = bm_pair<U64Map, StrMap>;
	static std::string_view sv(const bm_keys *k, uint64_t i)
	{
		return std::string_view(k->bytes + i * BM_STR_LEN, BM_STR_LEN);
	}
	static void *make(int str)
	{
		P *p = new P();
		p->str = str;
		return p;
	}
	static void insert(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)
	{
		P *p = static_cast<P *>(m);
		for (uint64_t i = lo; i < hi; i++)
			if (p->str)
				p->s[sv(k, i)] = i;
			else
				p->u[k->u64[i]] = i;
	}
	template <class M, class K> static uint64_t find(const M &map, const K &key)
	{
		auto it = map.find(key);
		return it == map.end() ? 0 : it->second + 1;
	}
	static uint64_t lookup(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)
	{
		P *p = static_cast<P *>(m);
		uint64_t sum = 0;
		for (uint64_t i = lo; i < hi; i++)
			sum += p->str ? find(p->s, sv(k, i)) : find(p->u, k->u64[i]);
		return sum;
	}
	static uint64_t erase(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)
	{
		P *p = static_cast<P *>(m);
		uint64_t n = 0;
		for (uint64_t i = lo; i < hi; i++)
			n += p->str ? p->s.erase(sv(k, i)) : p->u.erase(k->u64[i]);
		return n;
	}
	static uint64_t iterate(void *m)
	{
		P *p = static_cast<P *>(m);
		uint64_t sum = 0;
		if (p->str)
			for (const auto &kv : p->s)
				sum += kv.second;
		else
			for (const auto &kv : p->u)
				sum += kv.second;
		return sum;
	}
};

// Defines bm.h's functions for one peer, whose maps are the types bm_u64
// and bm_str.
#define BM_CXX_PEER(NAME)                                                                                    \
	using bm_this = bm_impl<bm_u64, bm_str>;                                                             \
	extern "C" {                                                                                         \
	const char bm_name[] = NAME;                                                                         \
	void *bm_new(int str)                                                                                \
	{                                                                                                    \
		return bm_this::make(str);                                                                   \
	}                                                                                                    \
	void bm_free(void *m)                                                                                \
	{                                                                                                    \
		delete static_cast<bm_this::P *>(m);                                                         \
	}                                                                                                    \
	void bm_insert(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)                                  \
	{                                                                                                    \
		bm_this::insert(m, k, lo, hi);                                                               \
	}                                                                                                    \
	uint64_t bm_lookup(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)                              \
	{                                                                                                    \
		return bm_this::lookup(m, k, lo, hi);                                                        \
	}                                                                                                    \
	uint64_t bm_delete(void *m, const bm_keys *k, uint64_t lo, uint64_t hi)                              \
	{                                                                                                    \
		return bm_this::erase(m, k, lo, hi);                                                         \
	}                                                                                                    \
	uint64_t bm_iterate(void *m)                                                                         \
	{                                                                                                    \
		return bm_this::iterate(m);                                                                  \
	}                                                                                                    \
	void bm_insert_one(void *m, uint64_t key, uint64_t val)                                              \
	{                                                                                                    \
		static_cast<bm_this::P *>(m)->u[key] = val;                                                  \
	}                                                                                                    \
	}

#endif
