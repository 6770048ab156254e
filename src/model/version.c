/* gg_version: the version compiled into the library (gogrow/version.h). */
#include "gogrow/version.h"

const char *gg_version(void)
{
	return GG_VERSION_STRING;
}
