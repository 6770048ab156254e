// Package corpus holds structs written in the shape of structs from widely
// used Go modules (field kinds and their order, not their code), for
// checking gogrow --pkg against unsafe.Sizeof/Alignof/Offsetof on real Go.
// Each type says whose shape it follows.
package corpus

import (
	"bytes"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Header: net/http.Header.
type Header map[string][]string

// Request: the shape of net/http.Request.
type Request struct {
	Method           string
	URL              *url.URL
	Proto            string
	ProtoMajor       int
	ProtoMinor       int
	Header           Header
	Body             ReadCloser
	GetBody          func() (ReadCloser, error)
	ContentLength    int64
	TransferEncoding []string
	Close            bool
	Host             string
	Form             map[string][]string
	Trailer          Header
	RemoteAddr       string
	RequestURI       string
	TLS              *ConnectionState
	Cancel           <-chan struct{}
	Response         *Response
	Pattern          string
	ctx              Context
	pat              *pattern
	matches          []string
	otherValues      map[string]string
}

// ReadCloser: io.ReadCloser.
type ReadCloser interface {
	Read(p []byte) (n int, err error)
	Close() error
}

// Context: context.Context.
type Context interface {
	Deadline() (deadline time.Time, ok bool)
	Done() <-chan struct{}
	Err() error
	Value(key any) any
}

type pattern struct {
	str    string
	method string
	host   string
	segs   []segment
	loc    string
}

type segment struct {
	s     string
	wild  bool
	multi bool
}

// Response: net/http.Response.
type Response struct {
	Status           string
	StatusCode       int
	Proto            string
	ProtoMajor       int
	ProtoMinor       int
	Header           Header
	Body             ReadCloser
	ContentLength    int64
	TransferEncoding []string
	Close            bool
	Uncompressed     bool
	Trailer          Header
	Request          *Request
	TLS              *ConnectionState
}

// ConnectionState: crypto/tls.ConnectionState, trimmed.
type ConnectionState struct {
	Version                    uint16
	HandshakeComplete          bool
	DidResume                  bool
	CipherSuite                uint16
	NegotiatedProtocol         string
	NegotiatedProtocolIsMutual bool
	ServerName                 string
	PeerCertificates           []*Certificate
	SignedCertificateTimestamps [][]byte
	OCSPResponse               []byte
	TLSUnique                  []byte
	ECHAccepted                bool
	ekm                        func(label string, context []byte, length int) ([]byte, error)
	testingOnlyDidHRR          bool
	testingOnlyCurveID         CurveID
}

type CurveID uint16

// Certificate: crypto/x509.Certificate, the leading fields.
type Certificate struct {
	Raw                     []byte
	RawTBSCertificate       []byte
	Version                 int
	SerialNumber            *bigInt
	NotBefore, NotAfter     time.Time
	KeyUsage                int
	IsCA                    bool
	MaxPathLen              int
	MaxPathLenZero          bool
	SubjectKeyId            []byte
	DNSNames                []string
	PermittedDNSDomainsCritical bool
}

type bigInt struct {
	neg bool
	abs []uint
}

// Cookie: net/http.Cookie.
type Cookie struct {
	Name        string
	Value       string
	Quoted      bool
	Path        string
	Domain      string
	Expires     time.Time
	RawExpires  string
	MaxAge      int
	Secure      bool
	HttpOnly    bool
	SameSite    SameSite
	Partitioned bool
	Raw         string
	Unparsed    []string
}

type SameSite int

// Transport: net/http.Transport, a subset of its fields in their order.
type Transport struct {
	idleMu                 sync.Mutex
	closeIdle              bool
	idleConn               map[connectMethodKey][]*persistConn
	idleConnWait           map[connectMethodKey]wantConnQueue
	reqMu                  sync.Mutex
	reqCanceler            map[*Request]func(error)
	altMu                  sync.Mutex
	altProto               atomic.Value
	connsPerHostMu         sync.Mutex
	connsPerHost           map[connectMethodKey]int
	Proxy                  func(*Request) (*url.URL, error)
	DisableKeepAlives      bool
	DisableCompression     bool
	MaxIdleConns           int
	MaxIdleConnsPerHost    int
	MaxConnsPerHost        int
	IdleConnTimeout        time.Duration
	ResponseHeaderTimeout  time.Duration
	ExpectContinueTimeout  time.Duration
	ForceAttemptHTTP2      bool
	MaxResponseHeaderBytes int64
	WriteBufferSize        int
	ReadBufferSize         int
	nextProtoOnce          sync.Once
	tlsNextProtoWasNil     bool
}

type connectMethodKey struct {
	proxy, scheme, addr string
	onlyH1              bool
}

type persistConn struct {
	t         *Transport
	cacheKey  connectMethodKey
	conn      any
	br        *bytes.Buffer
	sawEOF    bool
	readLimit int64
	numExpectedResponses int
	mu        sync.Mutex
	closed    error
	idleAt    time.Time
	reused    bool
}

type wantConnQueue struct {
	head    []*wantConn
	headPos int
	tail    []*wantConn
}

type wantConn struct {
	cm    connectMethodKey
	key   connectMethodKey
	done  bool
	mu    sync.Mutex
	ready chan struct{}
	sb    strings.Builder
}
