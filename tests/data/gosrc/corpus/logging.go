package corpus

import (
	"bytes"
	"sync"
	"sync/atomic"
	"time"
)

// Level: zap's zapcore.Level (an int8).
type Level int8

const (
	DebugLevel Level = iota - 1
	InfoLevel
	WarnLevel
	ErrorLevel
	numLevels = iota + 1 // 5
)

// Entry: zap zapcore.Entry.
type Entry struct {
	Level      Level
	Time       time.Time
	LoggerName string
	Message    string
	Caller     EntryCaller
	Stack      string
}

type EntryCaller struct {
	Defined  bool
	PC       uintptr
	File     string
	Line     int
	Function string
}

// Field: zap zapcore.Field.
type Field struct {
	Key       string
	Type      FieldType
	Integer   int64
	String    string
	Interface interface{}
}

type FieldType uint8

// Logger: zap Logger.
type Logger struct {
	core        any
	development bool
	addCaller   bool
	onPanic     any
	onFatal     any
	name        string
	errorOutput any
	addStack    any
	callerSkip  int
	clock       any
}

// AtomicLevel: zap AtomicLevel.
type AtomicLevel struct {
	l *atomic.Int32
}

// ioCore: zap zapcore.ioCore.
type ioCore struct {
	LevelEnabler any
	enc          any
	out          any
}

// levelCounts: per-level counters in the shape of zap's sampler.
type levelCounts [numLevels][1 << 2]counterX

type counterX struct {
	resetAt atomic.Int64
	counter atomic.Uint64
}

// sampler: zap zapcore.sampler.
type sampler struct {
	Core   any
	counts *levelCounts
	tick   time.Duration
	first, thereafter uint64
	hook   func(Entry, uint32)
}

// logrusEntry: sirupsen/logrus Entry.
type logrusEntry struct {
	Logger  *logrusLogger
	Data    map[string]interface{}
	Time    time.Time
	Level   uint32
	Caller  *Frame
	Message string
	Buffer  *bytes.Buffer
	Context any
	err     string
}

type Frame struct {
	PC       uintptr
	Func     any
	Function string
	File     string
	Line     int
	startLine int
	Entry    uintptr
	funcInfo struct {
		_func *byte
		datap *byte
	}
}

// logrusLogger: sirupsen/logrus Logger.
type logrusLogger struct {
	Out          any
	Hooks        map[uint32][]any
	Formatter    any
	ReportCaller bool
	Level        uint32
	mu           MutexWrap
	entryPool    sync.Pool
	ExitFunc     func(int)
	BufferPool   any
}

type MutexWrap struct {
	lock     sync.Mutex
	disabled bool
}

// slogRecord: log/slog Record.
type slogRecord struct {
	Time    time.Time
	Message string
	Level   int
	PC      uintptr
	front   [nAttrsInline]Attr
	nFront  int
	back    []Attr
}

const nAttrsInline = 5

type Attr struct {
	Key   string
	Value Value
}

// Value: log/slog Value.
type Value struct {
	_   [0]func()
	num uint64
	any any
}
