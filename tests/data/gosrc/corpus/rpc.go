package corpus

import (
	"sync"
	"sync/atomic"
	"time"
)

// ClientConn: google.golang.org/grpc ClientConn, leading fields.
type ClientConn struct {
	ctx    Context
	cancel func()
	target              string
	parsedTarget        resolverTarget
	authority           string
	dopts               dialOptions
	channelz            *channelzChannel
	resolverBuilder     any
	idlenessMgr         *idlenessManager
	csMgr               *connectivityStateManager
	pickerWrapper       *pickerWrapper
	safeConfigSelector  atomic.Value
	retryThrottler      atomic.Value
	mu              sync.RWMutex
	resolverWrapper *ccResolverWrapper
	balancerWrapper *ccBalancerWrapper
	sc              *ServiceConfig
	conns           map[*addrConn]struct{}
	keepaliveParams ClientParameters
	firstResolveEvent *Event
	lceMu               sync.Mutex
	lastConnectionError error
}

type resolverTarget struct {
	URL struct {
		Scheme, Opaque, Host, Path, RawPath string
		ForceQuery                           bool
		RawQuery, Fragment                   string
	}
}

// dialOptions: grpc dialOptions, a subset.
type dialOptions struct {
	unaryInt                    any
	streamInt                   any
	chainUnaryInts              []any
	chainStreamInts             []any
	compressorV0                any
	dc                          any
	bs                          any
	block                       bool
	returnLastError             bool
	timeout                     time.Duration
	authority                   string
	binaryLogger                any
	copts                       ConnectOptions
	callOptions                 []any
	channelzParent              any
	disableServiceConfig        bool
	disableRetry                bool
	disableHealthCheck          bool
	minConnectTimeout           func() time.Duration
	defaultServiceConfig        *ServiceConfig
	defaultServiceConfigRawJSON *string
	resolvers                   []any
	idleTimeout                 time.Duration
	defaultScheme               string
	maxCallAttempts             int
}

// ConnectOptions: grpc internal/transport ConnectOptions.
type ConnectOptions struct {
	UserAgent             string
	Dialer                func(Context, string) (any, error)
	FailOnNonTempDialError bool
	PerRPCCredentials     []any
	TransportCredentials  any
	CredsBundle           any
	KeepaliveParams       ClientParameters
	StatsHandlers         []any
	InitialWindowSize     int32
	InitialConnWindowSize int32
	WriteBufferSize       int
	ReadBufferSize        int
	SharedWriteBuffer     bool
	ChannelzParent        any
	MaxHeaderListSize     *uint32
	UseProxy              bool
}

// ClientParameters: grpc keepalive.ClientParameters.
type ClientParameters struct {
	Time                time.Duration
	Timeout             time.Duration
	PermitWithoutStream bool
}

type channelzChannel struct {
	ID          int64
	RefName     string
	closeCalled bool
	nestedChans map[int64]string
	subChans    map[int64]string
	Parent      *channelzChannel
	trace       *channelTrace
	cm          sync.Mutex
}

type channelTrace struct {
	cm          *sync.Mutex
	clearCalled bool
	CreationTime time.Time
	EventNum    int64
	mu          sync.Mutex
	Events      []*traceEvent
}

type traceEvent struct {
	Desc      string
	Severity  int
	Timestamp time.Time
	RefID     int64
	RefName   string
	RefType   int
}

type idlenessManager struct {
	activeCallsCount  atomic.Int32
	activeSinceLastTimerCheck atomic.Int32
	closed            atomic.Bool
	enforcer          any
	timeout           time.Duration
	idleMu            sync.RWMutex
	actuallyIdle      bool
	timer             *time.Timer
	lastCallEndTime   atomic.Int64
}

type connectivityStateManager struct {
	mu         sync.Mutex
	state      int
	notifyChan chan struct{}
	channelz   *channelzChannel
	pubSub     any
}

type pickerWrapper struct {
	mu            sync.Mutex
	done          bool
	blockingCh    chan struct{}
	picker        any
	statsHandlers []any
}

type ccResolverWrapper struct {
	cc              *ClientConn
	ignoreServiceConfig bool
	serializer      any
	serializerCancel func()
	resolver        any
	mu              sync.Mutex
	curState        resolverState
	closed          bool
}

type resolverState struct {
	Addresses     []Address
	Endpoints     []any
	ServiceConfig *struct{ Config any; Err error }
	Attributes    *Attributes
}

type Address struct {
	Addr               string
	ServerName         string
	Attributes         *Attributes
	BalancerAttributes *Attributes
	Metadata           any
}

type Attributes struct {
	m map[any]any
}

type ccBalancerWrapper struct {
	internal      any
	cc            *ClientConn
	opts          any
	serializer    any
	serializerCancel func()
	curBalancerName string
	balancer      any
	mu            sync.Mutex
	closed        bool
}

type ServiceConfig struct {
	lbConfig          any
	Methods           map[string]MethodConfig
	retryThrottling   *retryThrottlingPolicy
	healthCheckConfig *struct{ ServiceName string }
	rawJSONString     string
}

type MethodConfig struct {
	WaitForReady *bool
	Timeout      *time.Duration
	MaxReqSize   *int
	MaxRespSize  *int
	RetryPolicy  *RetryPolicy
}

type RetryPolicy struct {
	MaxAttempts          int
	InitialBackoff       time.Duration
	MaxBackoff           time.Duration
	BackoffMultiplier    float64
	RetryableStatusCodes map[uint32]bool
}

type retryThrottlingPolicy struct {
	MaxTokens  float64
	TokenRatio float64
}

type addrConn struct {
	ctx    Context
	cancel func()
	cc     *ClientConn
	dopts  dialOptions
	acbw   any
	scopts any
	channelz *channelzChannel
	mu     sync.Mutex
	curAddr Address
	addrs  []Address
	transport any
	backoffIdx int
	resetBackoff chan struct{}
	state  int
	stateReadyChan chan struct{}
}

type Event struct {
	fired int32
	c     chan struct{}
	o     sync.Once
}
