/* gogrow help: the command list and each subcommand's usage. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "gogrow/conform.h"

static const char overview[] =
    "gogrow: Go's slice and map growth, computed exactly for go1.16 to go1.27 and 14 GOARCH.\n"
    "\n"
    "Usage: gogrow COMMAND [ARGS] [--go 1.N[,1.M|1.N-1.M|all]] [--arch A[,B|all|64|32]] [--json|--tsv]\n"
    "\n"
    "Commands:\n"
    "  layout TYPE              size, alignment, field offsets and pointer data of a type\n"
    "  grow '[]T'               every capacity while appending one element at a time\n"
    "  append '[]T' --len L --add N [--cap C]\n"
    "                           cap() after append(make([]T, L, C), <N elements>...)\n"
    "  explain '[]T' --len L --add N\n"
    "                           every step that decides the new cap, with the Go source of each\n"
    "  compare TYPE [--len L --add N]\n"
    "                           the same question over releases x arches, changes marked\n"
    "  advise '[]T' --n N       the make() capacity that avoids regrowth, and what it saves\n"
    "  batch [FILE|-]           answer questions read from FILE or stdin (TSV or JSON lines)\n"
    "  map TYPE [--hint H] [--grow N [--sim R]] [--noswissmap]\n"
    "                           map storage layout, make(map, H) bytes, growth steps\n"
    "  simulate SCRIPT          run a small workload script: peak and live heap, growth, timeline\n"
    "  conv bytes|runes|constbytes --len N [--use escapes|local|readonly]\n"
    "                           cap() of []byte(s), []rune(s), []byte(\"literal\")\n"
    "  audit PROFILE --go V     slice and map growth per call site in a Go heap profile\n"
    "  classes                  the allocator's size classes\n"
    "  conform FILE...          check golden TSV vectors against the model\n"
    "  conform --emit FILE      print FILE with the model's values\n"
    "  probe --goroot DIR       measure golden vectors with a real Go toolchain\n"
    "  help [COMMAND|types]     this text, a command's usage, or the known type names\n"
    "\n"
    "Defaults: --go 1.27 --arch amd64. Exit status: 0 ok, 1 conformance mismatches,\n"
    "2 bad input, 3 Go itself would reject it (a panic or a type too large).\n";

static const struct {
	const char *cmd, *text;
} helps[] = {
    {"layout", "Usage: gogrow layout TYPE [--go V] [--arch A] [--json|--tsv] [--pkg DIR]\n\n"
	       "unsafe.Sizeof, unsafe.Alignof, top-level field offsets and ptrdata (bytes that can\n"
	       "hold pointers; 0 means the GC never scans it: \"noscan\") as the gc compiler lays it out.\n"
	       "For a struct, each field's padding and the field orders that make it smallest or\n"
	       "its ptrdata shortest, per target. --pkg DIR: TYPE may name the types of the Go\n"
	       "package in DIR (also for grow, append, compare, map, advise, explain, simulate).\n\n"
	       "Examples:\n"
	       "  gogrow layout 'struct{a uint64; b [3]byte}' --arch all\n"
	       "  gogrow layout 'struct{a int32; b atomic.Int64}' --arch 386,amd64 --go 1.19\n"},
    {"grow", "Usage: gogrow grow '[]T' [--n N] [--svg FILE] [--escape heap|stack|return|return-cap] [--go V] "
	     "[--arch A]\n\n"
	     "Appends one element at a time to a nil slice up to length N and lists each new\n"
	     "capacity with the bytes it occupies. Several targets print side by side.\n"
	     "N defaults to the golden-vector rule: min(2^20, 2^27/size), 2000 for elements of\n"
	     "4096 bytes or more, 5000 for zero-size elements (which grow at every append: N <= 2^20).\n\n"
	     "--escape says where the slice lives (see docs/model.md, 'Stack backing stores'):\n"
	     "  heap        a global or otherwise escaping slice: runtime.growslice (default)\n"
	     "  stack       a local slice that never escapes: 1.25+ starts with a 32-byte stack buffer\n"
	     "  return      built in a function and returned: 1.26+ moves it to the heap at the return\n"
	     "  return-cap  the same, with cap() used while building: 1.26+ growsliceBuf ladder\n"
	     "--svg FILE writes cap against len for every target as an SVG chart.\n\n"
	     "Examples:\n"
	     "  gogrow grow '[]int' --n 5000 --go 1.17,1.18,1.22 --arch amd64\n"
	     "  gogrow grow '[]*int' --n 2000 --go 1.21,1.22 --svg ptr.svg\n"
	     "  gogrow grow '[]byte' --n 100 --escape stack --go 1.24-1.27\n"},
    {"append", "Usage: gogrow append '[]T' --len L [--cap C] --add N [--escape E] [--go V] [--arch A]\n\n"
	       "cap() after  s := make([]TYPE, L, C); s = append(s, make([]TYPE, N)...)\n"
	       "C defaults to L. Shows the growth formula's capacity, the rounded byte size, the size\n"
	       "class and the malloc header where one applies. Go's panics are reported as Go words them.\n\n"
	       "Examples:\n"
	       "  gogrow append '[]struct{a uint64; b [3]byte}' --len 1024 --add 1 --arch all\n"
	       "  gogrow append '[]int' --len 1023 --add 1 --go 1.17,1.18\n"},
    {"explain",
     "Usage: gogrow explain '[]T' --len L [--cap C] --add N [--escape E] [--go V] [--arch A] [--json]\n"
     "       gogrow explain 'map[K]V' [--hint H] [--count N] [--go V] [--arch A] [--json]\n\n"
     "Walks through the append: element layout, whether it grows, the growth formula with its\n"
     "numbers, the bytes requested, roundupsize and the size class (with the malloc header where\n"
     "one applies), the resulting cap and the heap bytes, each step naming the Go source.\n"
     "For a map: its layout, what make(map, H) allocates and why, and with --count N every growth\n"
     "step while N distinct keys are inserted.\n\n"
     "Examples:\n"
     "  gogrow explain '[]*int' --len 64 --add 1 --go 1.22\n"
     "  gogrow explain '[]struct{a uint64; b [3]byte}' --len 1024 --add 1 --arch 386 --go 1.19\n"},
    {"compare", "Usage: gogrow compare TYPE [--len L [--cap C] [--add N] | --hint H] [--escape E] [--go "
		"LIST] [--arch LIST]\n\n"
		"Answers one question for a grid of releases (rows) and arches (columns), default all of\n"
		"both: with --len, TYPE is a slice type and the cell is cap() after the append; without,\n"
		"the cell is size/align of TYPE; with --hint, TYPE is a map type and the cell is the heap\n"
		"bytes of make(TYPE, H). A '*' marks a cell that changed from the release above;\n"
		"the distinct answers are listed at the end.\n\n"
		"Examples:\n"
		"  gogrow compare '[]struct{val int64; ptr *int}' --len 1000\n"
		"  gogrow compare 'struct{a int32; b atomic.Int64}' --go 1.18-1.20\n"
		"  gogrow compare 'map[int64]int64' --hint 100 --arch 386,amd64\n"},
    {"advise",
     "Usage: gogrow advise '[]T' --n N [--go V] [--arch A] [--json]\n"
     "       gogrow advise 'map[K]V' --n N [--go V] [--arch A] [--json]\n"
     "       gogrow advise '[]T' --pattern L1,L2,... [--go V] [--arch A]\n\n"
     "--n: the capacity to make() so that N appends never regrow, filled up to its size class,\n"
     "and the bytes and growslice calls that saves against growing from empty.\n"
     "--pattern: the lengths a slice reaches in different runs; each candidate capacity is scored\n"
     "by the heap bytes all runs allocate in total, and the cheapest is marked.\n"
     "For a map type, --n is the number of distinct keys: make with that hint against growing from\n"
     "empty; where the bytes depend on the hash seed they are simulated and labelled as such.\n"},
    {"batch",
     "Usage: gogrow batch [FILE|-]\n\n"
     "One question per line from FILE or standard input ('-' or nothing), answered on stdout in\n"
     "the same format ('#' and empty lines are copied):\n"
     "  layout<TAB>GO<TAB>ARCH<TAB>TYPE                  -> + size, align, ptrdata\n"
     "  offsets<TAB>GO<TAB>ARCH<TAB>struct{...}          -> + the field offsets, comma-separated\n"
     "  append<TAB>GO<TAB>ARCH<TAB>[]T<TAB>LEN<TAB>CAP<TAB>ADD -> + newcap, bytes, alloc\n"
     "  grow<TAB>GO<TAB>ARCH<TAB>[]T<TAB>N               -> + the caps while appending N, comma-separated\n"
     "  makemap<TAB>GO<TAB>ARCH<TAB>map[K]V<TAB>HINT     -> + heap bytes and allocations of make\n"
     "or JSON lines with the same names as keys (the question in \"q\", integers as JSON integers):\n"
     "  {\"q\":\"append\",\"go\":\"1.22\",\"arch\":\"amd64\",\"type\":\"[]int\",\"len\":1000,\"add\":1}\n"
     "JSON keys go, arch, type and len (append) or n (grow) are required; cap defaults to len,\n"
     "add to 1, hint to 0. A key the question does not take, a key given twice or a value of the\n"
     "wrong type is an error. A JSON layout answer also lists a struct literal's fields (name,\n"
     "offset, size, align) as 'gogrow layout --json' does.\n"
     "A line that cannot be answered gets an error answer with its line number ('error<TAB>line N: ...'\n"
     "or an \"error\" member); where a byte is at fault (malformed UTF-8, a control character,\n"
     "a type error) the message gives its column in the line. The exit status is then 2, after\n"
     "every line was answered.\n"},
    {"map",
     "Usage: gogrow map TYPE [--hint H] [--grow N [--sim R [--seed S]]] [--churn N,K [--sim R] [--seed S]]\n"
     "                [--escape heap|stack] [--noswissmap] [--svg FILE] [--go V] [--arch A] "
     "[--json|--tsv]\n\n"
     "How a map is stored and what it allocates on the heap (MemStats.TotalAlloc and Mallocs):\n"
     "classic hash maps (hmap + 8-slot buckets) up to go1.23, Swiss tables (Map + directory of\n"
     "tables of 8-slot groups) from go1.24; docs/maps.md explains both.\n\n"
     "Without --grow: the bucket or group layout and make(map[K]V, H) step by step: B or the\n"
     "tables, every object allocated with its size class. H defaults to 0; negative or huge\n"
     "hints behave like 0, as in the runtime.\n"
     "--grow N: inserts N distinct keys one at a time into make(map[K]V, H) and lists every growth\n"
     "step with the bytes live before, during and after it. Exact where Go is deterministic; where\n"
     "growth depends on the hash seed (classic overflow buckets, Swiss splits after the first)\n"
     "the output says up to which count it is complete. With --svg FILE the live bytes against the\n"
     "number of keys are plotted, one line per target (exact steps only).\n"
     "--sim R (with --grow): simulates R maps with random hashes and prints min / median / max\n"
     "of what the seed decides: Swiss tables, splits and bytes; classic maps, overflow buckets,\n"
     "same-size grows and bytes. A labelled estimate, not exact; --seed S draws another sample.\n"
     "--churn N,K: inserts N keys, then K times deletes the oldest key and inserts a new one.\n"
     "Swiss maps: a SIMULATION over R maps (default 101) of where deletes leave tombstones, with\n"
     "min / median / max of tables, slots, tombstones and bytes at the end: go1.24 grows a\n"
     "churning map (tombstones use up the growth budget), go1.25+ prunes tombstones first.\n"
     "Classic maps: B is exact (it stays where N inserts left it); overflow buckets, same-size\n"
     "grows and bytes are simulated the same way.\n"
     "--escape stack: the map does not escape its function. The compiler puts the header on the\n"
     "stack and, for a hint <= 8 (constant or checked at run time), one bucket or group: make\n"
     "then allocates nothing and the first heap bytes come at the 9th key (classic: 2 buckets;\n"
     "Swiss: a 16-slot table). Larger hints allocate the buckets or tables, not the header.\n"
     "With --sim or --churn the simulated bytes are those of a heap map minus that constant.\n"
     "--noswissmap: GOEXPERIMENT=noswissmap, the classic map in go1.24 and go1.25 (an error from\n"
     "go1.26, which has no classic map; no effect before go1.24).\n\n"
     "Examples:\n"
     "  gogrow map 'map[int64]int64' --hint 100 --go 1.21,1.22,1.27\n"
     "  gogrow map 'map[string]int' --grow 1000 --go 1.27\n"
     "  gogrow map 'map[int64]int64' --grow 100000 --sim 101\n"
     "  gogrow map 'map[int][200]byte' --hint 53 --go 1.25 --noswissmap --arch 386,amd64\n"
     "  gogrow map 'map[string]int' --grow 100 --escape stack --go 1.22,1.27\n"
     "  gogrow map 'map[int64]int64' --churn 100,10000 --go 1.24,1.25\n"},
    {"simulate",
     "Usage: gogrow simulate SCRIPT|- [--go V] [--arch A] [--json] [--events N] [--sim R [--seed S]]\n"
     "                       [--noswissmap] [--svg FILE] [--trace FILE] [--pprof FILE]\n"
     "       gogrow simulate --runtime SCRIPT|- [--go V] [--json] [--noswissmap] [--seed S]\n\n"
     "Runs a workload script against the model for each release and arch given (several:\n"
     "their summaries side by side, --json an array), everything on the\n"
     "heap, and reports peak and final live heap bytes, total bytes allocated, growslice calls,\n"
     "map grows, old buckets held during classic evacuation, allocation sites and a timeline of\n"
     "allocation events by operation index. Live means reachable: an array replaced by growth\n"
     "is garbage at once (GC timing is not modelled). docs/simulate.md has the details.\n\n"
     "Script (one statement a line, # comments):\n"
     "  s = make([]int, 0)               make([]T, len[, cap]); a re-make drops the old storage\n"
     "  m = make(map[string][]int, 100)  optional size hint\n"
     "  repeat 1000 {                    constant count, nests; i is the innermost counter\n"
     "  repeat 100 as k {                k names this loop's counter, also in inner blocks\n"
     "  append s 3                       append 3 elements (default 1)\n"
     "  append m[key(i % 100)] 1         m[k] = append(m[k], ...) for a map of slices\n"
     "  set m[key(i)]                    m[k] = zero value (a new key inserts)\n"
     "  delete m[key(i)]\n"
     "  clear m                          Go's clear (a map keeps its storage)\n"
     "  c = clone m                      maps.Clone(m)\n"
     "  local b = make([]int, 0, 8)      a slice that does not escape (constant size: the stack)\n"
     "  rows = make([][]byte, 10)        a slice of slices: append rows[k] 5 grows row k,\n"
     "                                   append rows 1 the outer slice, set rows[k] makes it nil\n"
     "  }\n"
     "Integer expressions: + - * / % ( ), i and named counters.\n"
     "At most 10^9 operations and 10^9 loop iterations.\n"
     "Errors print SCRIPT:LINE:COL: message (status 2; 3 where Go would panic).\n\n"
     "--events N  timeline rows in the text output (default 30, -1 all; --json lists them all)\n"
     "--sim R     where a map's bytes depend on the hash seed (classic overflow buckets, Swiss\n"
     "            splits after the first) the totals are SIMULATED: min / median / max over R\n"
     "            runs with random hashes (default 21; --seed S, default 1), the deterministic\n"
     "            part shown as the lower bound it is\n"
     "--noswissmap  GOEXPERIMENT=noswissmap: classic maps in go1.24 and go1.25\n"
     "--svg FILE  live heap bytes over operations as an SVG chart\n"
     "--trace FILE  Chrome/Perfetto trace-event JSON: a track per variable, counters for live bytes\n"
     "--pprof FILE  gzipped pprof profile: alloc_objects and alloc_space per script line\n"
     "--runtime   also runs the script for real, on this project's runtime (a gogrow heap, its\n"
     "            slices and maps; this host's arch, hash seed S), and prints per statement the\n"
     "            model's bytes and objects next to the heap's measured TotalAlloc and Mallocs,\n"
     "            then peak and final live; status 1 if a figure the model calls exact differs\n\n"
     "Examples:\n"
     "  gogrow simulate work.sim --go 1.22 --arch 386\n"
     "  gogrow simulate --runtime work.sim --go 1.25\n"
     "  printf 'm = make(map[int][]int)\\nrepeat 1000 {\\n append m[key(i %% 10)] 1\\n}\\n' | gogrow "
     "simulate -\n"},
    {"audit", "Usage: gogrow audit PROFILE|- --go V [--arch A] [--json|--tsv]\n\n"
	      "Finds slice and map growth in a Go heap profile: the gzipped profile.proto that\n"
	      "runtime/pprof (heap, allocs) and net/http/pprof write. The runtime's frames are not in\n"
	      "the stacks, so growth is recognised from the object sizes allocated at each call site\n"
	      "(function and line): sizes that are consecutive steps of one growth sequence of the\n"
	      "model (a slice of some element size, a classic map's bucket arrays, a Swiss map's groups,\n"
	      "tables and directories) are growth; at least 3 steps are needed. For each such site:\n"
	      "the element (or bucket, group) size and the others that fit as well, the steps seen,\n"
	      "sizes left unexplained, a confidence, the objects and bytes, the final length the last\n"
	      "step implies, the make capacity or hint that allocates it at once and the bytes that\n"
	      "saves (every step but the last). Sampled profiles (MemProfileRate > 1) are already\n"
	      "scaled by the runtime; the figures get their one-sigma sampling error. Heap profiles do\n"
	      "not record the Go release: --go is required unless a profile comment names it.\n"
	      "--arch defaults to amd64. docs/audit.md has the details.\n\n"
	      "Examples:\n"
	      "  gogrow audit heap.pb.gz --go 1.22\n"
	      "  curl -s localhost:6060/debug/pprof/allocs | gogrow audit - --go 1.27 --json\n"},
    {"conv",
     "Usage: gogrow conv bytes|runes|constbytes --len N [--use escapes|local|readonly] [--go V] [--arch A]\n"
     "                  [--json|--tsv]\n\n"
     "cap() of a slice made by converting a string, which is often not its length:\n"
     "  bytes       []byte(s) for a string s of N bytes\n"
     "  runes       []rune(s) for a string s of N runes\n"
     "  constbytes  []byte(\"...\") for a constant string of N bytes: cap N\n"
     "--use says what becomes of the result (default escapes):\n"
     "  escapes     it escapes (returned, stored): the runtime allocates it and cap is what the\n"
     "              size class holds (rawbyteslice, rawruneslice)\n"
     "  local       it stays in its function: up to 32 bytes (or runes) it gets the caller's\n"
     "              32-element buffer, cap 32 whatever N\n"
     "  readonly    it stays in its function and is never written: from go1.22 []byte(s) shares\n"
     "              the string's bytes, cap N; otherwise as local\n"
     "See docs/model.md, 'Slices made from strings'.\n\n"
     "Examples:\n"
     "  gogrow conv bytes --len 5 --use readonly --go 1.21,1.22\n"
     "  gogrow conv runes --len 100 --arch 386,amd64\n"},
    {"classes", "Usage: gogrow classes [--go V] [--arch A] [--json|--tsv]\n\n"
		"The 67 size classes (class 0, large objects, is not listed; the table is generated by the\n"
		"algorithm of Go's mksizeclasses.go), with\n"
		"objects per span for noscan and scan spans under the release's span layout.\n"},
    {"conform", NULL}, /* conform_help(): the kinds come from the table of kinds */
    {"probe",
     "Usage: gogrow probe --goroot DIR [--arch A,B|all] [--out DIR] [--types FILE]\n"
     "                    [--files layout,growth,append,makemap,mapgrow] [--jobs N]\n"
     "                    [--timeout SECONDS] [--keep]\n"
     "       gogrow probe --kind map|mapstack|churn --goroot DIR[@GOEXPERIMENT][,...]\n"
     "                    [--arch A,B|all] [--out DIR] [--runs N] [--workloads 'N,K ...']\n"
     "                    [--local] [--jobs N] [--timeout SECONDS] [--keep]\n"
     "       gogrow probe --convert maps|slices [--src RAWDIR] [--out DIR]\n\n"
     "Builds a Go program per GOARCH with the toolchain in DIR, runs it once per type\n"
     "(natively, falling back to qemu-<cpu>-static when the host cannot execute it; under\n"
     "qemu for other CPUs; under node for wasm) and writes the golden-format files\n"
     "layout.tsv, growth.tsv, append.tsv, makemap.tsv and mapgrow.tsv into --out (default .,\n"
     "created if missing) with the rows of every arch that succeeded.\n"
     "--types replaces the built-in corpus (probe/types.txt: TYPE<TAB>FILES[<TAB>N] per line).\n"
     "--jobs N builds and runs N children at a time (default 1); --timeout kills a run that\n"
     "takes longer (default 900 s, 0: no limit) and names its type. An arch whose runner is\n"
     "missing is skipped with a warning; a failed arch makes the exit status 4. --keep keeps\n"
     "the temporary Go module. Conventions for swiss maps (go1.24+): docs/ground-truth.md.\n"
     "--kind map (mapalloc_probe.tsv, mapfill_probe.tsv), mapstack (mapstack.tsv) and churn\n"
     "(mapchurn.tsv, mapchurn_classic.tsv, mapchurn_local.tsv with --local; --runs per\n"
     "workload, default 41) run whole programs (probe/<kind>/) once per toolchain and arch;\n"
     "rows follow the --goroot list, then the arch order.\n"
     "--convert turns the spec's raw outputs (default tests/data/validation/raw) into\n"
     "mapalloc.tsv and mapgrow_classic.tsv (maps) or grow_, layout_, stackappend_ and\n"
     "conv_ARCH.tsv (slices); no toolchain is needed.\n\n"
     "Example:\n"
     "  gogrow probe --goroot /opt/go/1.24 --arch amd64,386 --out /tmp/v && gogrow conform /tmp/v/*.tsv\n"},
};

/* conform's help names every kind conform_kind_of accepts. */
static const char *conform_help(void)
{
	static char text[2048];
	char names[256];
	gg_conform_kind_names(names, sizeof names);
	snprintf(text, sizeof text,
		 "Usage: gogrow conform FILE...\n"
		 "       gogrow conform --emit FILE\n\n"
		 "Reads TSV vector files of these kinds:\n"
		 "  %s\n"
		 "(the kind is taken from the header line, see docs/conform.md), recomputes every row\n"
		 "for its go and arch columns and prints each mismatch as\n"
		 "'FILE:LINE: ... expected X, got Y'. The last line is\n"
		 "'N rows, M mismatches'; the exit status is 0 only when M is 0. FILE '-' is stdin.\n"
		 "--emit prints FILE with the model's values in the measured columns, so that diff\n"
		 "against the input is empty when every row matches.\n",
		 names);
	return text;
}

const char *cli_help_text(const char *cmd)
{
	if (!strcmp(cmd, "conform"))
		return conform_help();
	for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
		if (!strcmp(helps[i].cmd, cmd) && helps[i].text)
			return helps[i].text;
	return overview;
}

int cmd_help(int argc, char **argv)
{
	if (argc > 0 && !strcmp(argv[0], "types")) {
		puts("Type syntax: Go's, e.g. struct{a int8; b []string}, [1<<10]byte, map[string][]int,");
		puts("func(int) error, chan<- *T, interface{ String() string }. Known names:");
		const char *name, *doc;
		for (int i = 0; gg_known_type(i, &name, &doc); i++)
			printf("  %-22s %s\n", name, doc);
		printf("Types measured on real Go change between releases; they are known for %s\n"
		       "and unsupported elsewhere (tools/gen/libtypes measures them).\n",
		       gg_libtypes_measured());
		return EXIT_OK;
	}
	if (argc > 0) {
		const char *t = cli_help_text(argv[0]);
		if (t == overview && strcmp(argv[0], "help")) {
			cli_error("no help for \"%s\": not a command", argv[0]);
			return EXIT_USAGE;
		}
		fputs(t, stdout);
		return EXIT_OK;
	}
	fputs(overview, stdout);
	return EXIT_OK;
}
