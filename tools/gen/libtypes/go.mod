module libtypes

go 1.19
