// Command gosrcgen writes the Go program that measures the corpus of
// tests/data/gosrc/corpus on one release and GOARCH (run.sh drives it).
//
//	gosrcgen -corpus DIR -list
//	    prints the names of the corpus's non-generic struct types
//	gosrcgen -corpus DIR -advice FILE -target go1.27/amd64 -out DIR
//	    writes into -out a main package: the corpus files (package clause
//	    renamed) and measure.go, which prints for every struct
//	    unsafe.Sizeof and Alignof, each field's Offsetof, Sizeof and
//	    Alignof, and Sizeof/Alignof of the struct with its fields in the
//	    order gogrow suggests for that target (read from -advice, the JSON
//	    lines of `gogrow layout T --pkg DIR --json`).
//
// Output lines: TYPE FIELD OFFSET SIZE ALIGN, tab-separated; FIELD is "-"
// for the struct itself and "(suggested)" for its reordered copy.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

type field struct {
	name, typ, tag string
	embedded       bool
}

type strct struct {
	name   string
	file   int // where it is declared: its reordered copy goes there, under the same imports
	fields []field
}

type file struct {
	name string
	src  []byte
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gosrcgen:", err)
		os.Exit(1)
	}
}

// embeddedName is the field name Go gives an embedded field: its type name
// without package, pointer or type arguments.
func embeddedName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return embeddedName(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.IndexExpr:
		return embeddedName(t.X)
	case *ast.IndexListExpr:
		return embeddedName(t.X)
	case *ast.Ident:
		return t.Name
	}
	panic(fmt.Sprintf("embedded field of type %T", e))
}

func text(fset *token.FileSet, src []byte, n ast.Node) string {
	return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
}

// structs reads the corpus: its files and its non-generic struct types.
func structs(dir string) ([]file, []strct) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	must(err)
	sort.Strings(names)
	fset := token.NewFileSet()
	var files []file
	var out []strct
	for _, n := range names {
		src, err := os.ReadFile(n)
		must(err)
		f, err := parser.ParseFile(fset, n, src, parser.ParseComments)
		must(err)
		files = append(files, file{filepath.Base(n), src})
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				ts := s.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if !ok || ts.TypeParams != nil || ts.Assign != 0 {
					continue
				}
				out = append(out, strct{ts.Name.Name, len(files) - 1, fields(fset, src, st)})
			}
		}
	}
	return files, out
}

func fields(fset *token.FileSet, src []byte, st *ast.StructType) []field {
	var fs []field
	for _, f := range st.Fields.List {
		typ, tag := text(fset, src, f.Type), ""
		if f.Tag != nil {
			tag = f.Tag.Value
		}
		if len(f.Names) == 0 {
			fs = append(fs, field{embeddedName(f.Type), typ, tag, true})
		}
		for _, n := range f.Names {
			fs = append(fs, field{n.Name, typ, tag, false})
		}
	}
	return fs
}

type advice struct {
	Type    string `json:"type"`
	Results []struct {
		Go        string `json:"go"`
		Arch      string `json:"arch"`
		Error     string `json:"error"`
		Suggested *struct {
			Fields []string `json:"fields"`
		} `json:"suggested"`
	} `json:"results"`
}

// orders reads gogrow's suggested field order of each type on target.
func orders(path, target string) map[string][]string {
	f, err := os.Open(path)
	must(err)
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a advice
		must(json.Unmarshal(sc.Bytes(), &a))
		for _, r := range a.Results {
			if r.Go+"/"+r.Arch == target && r.Suggested != nil {
				out[a.Type] = r.Suggested.Fields
			}
		}
	}
	must(sc.Err())
	return out
}

// reordered is the source of struct s with its fields in `order`.
func reordered(s strct, order []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "type %s__suggested struct {\n", s.name)
	for _, name := range order {
		for _, f := range s.fields {
			if f.name != name {
				continue
			}
			if f.embedded {
				fmt.Fprintf(&b, "\t%s %s\n", f.typ, f.tag)
			} else {
				fmt.Fprintf(&b, "\t%s %s %s\n", f.name, f.typ, f.tag)
			}
		}
	}
	b.WriteString("}\n\n")
	return b.String()
}

// measure is the source of main; extra[i] gets the reordered types of file i.
func measure(ss []strct, ord map[string][]string, extra []string) string {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"fmt\"\n\t\"unsafe\"\n)\n\nfunc main() {\n")
	for _, s := range ss {
		fmt.Fprintf(&b, "\t{\n\t\tvar x %s\n", s.name)
		fmt.Fprintf(&b, "\t\tfmt.Printf(\"%s\\t-\\t-\\t%%d\\t%%d\\n\", unsafe.Sizeof(x), unsafe.Alignof(x))\n", s.name)
		for _, f := range s.fields {
			if f.name == "_" {
				continue
			}
			fmt.Fprintf(&b, "\t\tfmt.Printf(\"%s\\t%s\\t%%d\\t%%d\\t%%d\\n\", unsafe.Offsetof(x.%s), unsafe.Sizeof(x.%s), unsafe.Alignof(x.%s))\n",
				s.name, f.name, f.name, f.name, f.name)
		}
		if o, ok := ord[s.name]; ok && len(o) == len(s.fields) {
			extra[s.file] += reordered(s, o)
			fmt.Fprintf(&b, "\t\tvar y %s__suggested\n", s.name)
			fmt.Fprintf(&b, "\t\tfmt.Printf(\"%s\\t(suggested)\\t-\\t%%d\\t%%d\\n\", unsafe.Sizeof(y), unsafe.Alignof(y))\n", s.name)
		} else {
			fmt.Fprintf(os.Stderr, "gosrcgen: no suggested order for %s\n", s.name)
			os.Exit(1)
		}
		b.WriteString("\t}\n")
	}
	b.WriteString("}\n")
	return b.String()
}

var pkgClause = regexp.MustCompile(`(?m)^package \w+$`)

func main() {
	dir := flag.String("corpus", "", "corpus directory")
	list := flag.Bool("list", false, "list the struct types")
	adv := flag.String("advice", "", "gogrow layout --json lines")
	target := flag.String("target", "", "go1.NN/GOARCH")
	out := flag.String("out", "", "directory to write the program into")
	flag.Parse()
	files, ss := structs(*dir)
	if *list {
		for _, s := range ss {
			fmt.Println(s.name)
		}
		return
	}
	must(os.MkdirAll(*out, 0o755))
	extra := make([]string, len(files))
	main := measure(ss, orders(*adv, *target), extra)
	for i, f := range files {
		src := pkgClause.ReplaceAll(f.src, []byte("package main"))
		src = append(src, "\n"+extra[i]...)
		must(os.WriteFile(filepath.Join(*out, f.name), src, 0o644))
	}
	must(os.WriteFile(filepath.Join(*out, "go.mod"), []byte("module gosrcprobe\n\ngo 1.21\n"), 0o644))
	must(os.WriteFile(filepath.Join(*out, "zz_measure.go"), []byte(main), 0o644))
}
