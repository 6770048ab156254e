package corpus

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

/* Shapes from more modules, and the declaration forms the reader handles:
   grouped declarations, aliases, generics, arrays sized by constants. */

type (
	// Model: gorm.io/gorm Model.
	Model struct {
		ID        uint `gorm:"primarykey"`
		CreatedAt time.Time
		UpdatedAt time.Time
		DeletedAt DeletedAt `gorm:"index"`
	}

	// DeletedAt: gorm DeletedAt (database/sql NullTime).
	DeletedAt NullTime

	NullTime struct {
		Time  time.Time
		Valid bool
	}

	ModelID = uint
)

// Progress: go.etcd.io/raft tracker.Progress.
type Progress struct {
	Match, Next     uint64
	sentCommit      uint64
	State           StateType
	PendingSnapshot uint64
	RecentActive    bool
	MsgAppFlowPaused bool
	Inflights       *Inflights
	IsLearner       bool
}

type StateType uint64

type Inflights struct {
	start  int
	count  int
	bytes  uint64
	size   int
	maxBytes uint64
	buffer []inflight
}

type inflight struct {
	index uint64
	bytes uint64
}

// raftLog: etcd raft raftLog.
type raftLog struct {
	storage  any
	unstable unstable
	committed uint64
	applying  uint64
	applied   uint64
	logger    any
	maxApplyingEntsSize uint64
	applyingEntsSize    uint64
	applyingEntsPaused  bool
}

type unstable struct {
	snapshot *Snapshot
	entries  []Entry2
	offset   uint64
	snapshotInProgress bool
	offsetInProgress   uint64
	logger   any
}

type Snapshot struct {
	Data     []byte
	Metadata SnapshotMetadata
}

type SnapshotMetadata struct {
	ConfState ConfState
	Index     uint64
	Term      uint64
}

type ConfState struct {
	Voters, Learners, VotersOutgoing, LearnersNext []uint64
	AutoLeave bool
}

type Entry2 struct {
	Term  uint64
	Index uint64
	Type  int32
	Data  []byte
}

// Command: spf13/cobra Command, a subset in order.
type Command struct {
	Use        string
	Aliases    []string
	SuggestFor []string
	Short      string
	GroupID    string
	Long       string
	Example    string
	ValidArgs  []string
	Args       func(cmd *Command, args []string) error
	Deprecated string
	Annotations map[string]string
	Version    string
	PersistentPreRun func(cmd *Command, args []string)
	Run        func(cmd *Command, args []string)
	RunE       func(cmd *Command, args []string) error
	commandgroups []*Group
	args       []string
	flagErrorBuf *strings.Builder
	commands   []*Command
	parent     *Command
	commandsMaxUseLen int
	TraverseChildren bool
	Hidden     bool
	SilenceErrors bool
	SilenceUsage  bool
	DisableFlagParsing bool
	SuggestionsMinimumDistance int
}

type Group struct {
	ID    string
	Title string
}

// ginContext: gin-gonic/gin Context, leading fields.
type ginContext struct {
	writermem responseWriter
	Request   *Request
	Writer    any
	Params    Params
	handlers  []func(*ginContext)
	index     int8
	fullPath  string
	engine    any
	params    *Params
	skippedNodes *[]any
	mu        sync.RWMutex
	Keys      map[string]any
	Errors    []*struct{ Err error; Type uint64; Meta any }
	Accepted  []string
	queryCache map[string][]string
	formCache  map[string][]string
	sameSite   SameSite
}

type responseWriter struct {
	ResponseWriter any
	size           int
	status         int
}

type Params []Param

type Param struct {
	Key   string
	Value string
}

// redisOptions: redis/go-redis Options, a subset.
type redisOptions struct {
	Network               string
	Addr                  string
	ClientName            string
	Dialer                func(ctx Context, network, addr string) (any, error)
	OnConnect             func(ctx Context, cn any) error
	Protocol              int
	Username              string
	Password              string
	DB                    int
	MaxRetries            int
	MinRetryBackoff       time.Duration
	MaxRetryBackoff       time.Duration
	DialTimeout           time.Duration
	ReadTimeout           time.Duration
	WriteTimeout          time.Duration
	ContextTimeoutEnabled bool
	PoolFIFO              bool
	PoolSize              int
	PoolTimeout           time.Duration
	MinIdleConns          int
	MaxIdleConns          int
	MaxActiveConns        int
	ConnMaxIdleTime       time.Duration
	ConnMaxLifetime       time.Duration
	readOnly              bool
	DisableIndentity      bool
	IdentitySuffix        string
	UnstableResp3         bool
}

// connPool: go-redis internal/pool ConnPool.
type connPool struct {
	cfg          *redisOptions
	dialErrorsNum uint32
	lastDialError atomic.Value
	queue        chan struct{}
	connsMu      sync.Mutex
	conns        []*poolConn
	idleConns    []*poolConn
	poolSize     int
	idleConnsLen int
	stats        poolStats
	_closed      uint32
}

type poolConn struct {
	usedAt    int64
	netConn   any
	rd        any
	bw        any
	wr        any
	Inited    bool
	pooled    bool
	createdAt time.Time
}

type poolStats struct {
	Hits, Misses, Timeouts, WaitCount uint32
	WaitDurationNs int64
	TotalConns, IdleConns, StaleConns uint32
}

// Pair: a generic pair, instantiated below.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// LRU: hashicorp/golang-lru simplelru.LRU, generic.
type LRU[K comparable, V any] struct {
	size      int
	evictList *lruList[K, V]
	items     map[K]*lruEntry[K, V]
	onEvict   func(key K, value V)
}

type lruList[K comparable, V any] struct {
	root lruEntry[K, V]
	len  int
}

type lruEntry[K comparable, V any] struct {
	next, prev *lruEntry[K, V]
	list       *lruList[K, V]
	Key        K
	Value      V
	ExpiresAt  time.Time
	ExpireBucket uint8
}

// Cache: an instance of the generic shapes, with a mutex in front.
type Cache struct {
	lock sync.RWMutex
	lru  LRU[string, []byte]
	hits atomic.Uint64
	last Pair[int64, bool]
	Pair[string, *Command]
}

const (
	shardBits  = 4
	numShards  = 1 << shardBits
	shardMask  = numShards - 1
	bucketSize = (numShards + 2) * 3 / 2 // 27
)

// shardedMap: the shape of allegro/bigcache's shards array.
type shardedMap struct {
	shards   [numShards]*cacheShard
	hashmask uint64
	hits     [bucketSize]uint16
	closed   bool
	mask     [shardMask + 1]byte
}

type cacheShard struct {
	hashmap     map[uint64]uint32
	entries     []byte
	lock        sync.RWMutex
	entryBuffer []byte
	onRemove    func(wrappedEntry []byte)
	isVerbose   bool
	statsEnabled bool
	lifeWindow  uint64
	hashmapStats map[uint64]uint32
	stats       Stats
	cleanEnabled bool
}

type Stats struct {
	Hits       int64
	Misses     int64
	DelHits    int64
	DelMisses  int64
	Collisions int64
}

// Padded: a struct whose fields are in the worst order, as a reader would write it.
type Padded struct {
	a bool
	b int64
	c bool
	d int32
	e bool
	f *int
	g bool
	h int16
	i [3]byte
	j float64
	k struct{}
}

// waitGroupUser: a struct holding library types gogrow measured.
type waitGroupUser struct {
	done   bool
	wg     sync.WaitGroup
	once   sync.Once
	n      atomic.Int64
	flag   atomic.Bool
	b      strings.Builder
	ticker *time.Ticker
	at     time.Duration
}
