#include "check.h"
#include "gogrow/target.h"

int main(void)
{
	gg_error err = {0};
	int m = 0;
	CHECK(gg_release_parse("1.22", &m, &err) == GG_OK && m == 22);
	CHECK(gg_release_parse("go1.22", &m, &err) == GG_OK && m == 22);
	CHECK(gg_release_parse("go1.22.3", &m, &err) == GG_OK && m == 22);
	CHECK(gg_release_parse("go1.16", &m, &err) == GG_OK && m == 16);
	CHECK(gg_release_parse("go1.27.4", &m, &err) == GG_OK && m == 27);
	CHECK(gg_release_parse("go1.25rc1", &m, &err) == GG_OK && m == 25);
	CHECK(gg_release_parse("1.15", &m, &err) == GG_ERR_RELEASE);
	CHECK_STR_CONTAINS(err.msg, "go1.16 to go1.27");
	CHECK(gg_release_parse("1.28", &m, &err) == GG_ERR_RELEASE);
	CHECK(gg_release_parse("2.0", &m, &err) == GG_ERR_RELEASE);
	CHECK_STR_CONTAINS(err.msg, "malformed");
	CHECK(gg_release_parse("go1.", &m, &err) == GG_ERR_RELEASE);
	CHECK(gg_release_parse("go1.22.", &m, &err) == GG_ERR_RELEASE);
	CHECK(gg_release_parse("", &m, &err) == GG_ERR_RELEASE);
	CHECK(gg_release_parse("1.99999999999999", &m, &err) == GG_ERR_RELEASE);

	CHECK_EQ_I(gg_arch_count(), 14);
	CHECK(gg_arch_find("amd64")->ptr_size == 8);
	CHECK(gg_arch_find("386")->ptr_size == 4);
	CHECK(gg_arch_find("wasm")->max_alloc == (UINT64_C(1) << 32));
	CHECK(gg_arch_find("386")->max_alloc == (UINT64_C(1) << 32) - 1);
	CHECK(gg_arch_find("mips")->max_alloc == (UINT64_C(1) << 31) - 1);
	CHECK(gg_arch_find("arm64")->max_alloc == (UINT64_C(1) << 48));
	CHECK(gg_arch_find("sparc") == NULL);
	CHECK(gg_arch_at(14) == NULL);

	gg_target t;
	CHECK(gg_target_make("loong64", 19, &t, &err) == GG_OK);
	CHECK(gg_target_make("loong64", 18, &t, &err) == GG_ERR_ARCH);
	CHECK_STR_CONTAINS(err.msg, "go1.19");
	CHECK(gg_target_make("sparc64", 22, &t, &err) == GG_ERR_ARCH);
	CHECK_STR_CONTAINS(err.msg, "amd64 386 arm");
	CHECK(gg_target_make("amd64", 15, &t, &err) == GG_ERR_RELEASE);
	CHECK(gg_target_maxint(&(gg_target){gg_arch_find("arm"), 22}) == INT32_MAX);
	return check_summary();
}
