package corpus

import (
	"sync"
	"sync/atomic"
	"time"
)

// Desc: prometheus client_golang Desc.
type Desc struct {
	fqName          string
	help            string
	constLabelPairs []*LabelPair
	variableLabels  *compiledLabels
	id              uint64
	dimHash         uint64
	err             error
}

type LabelPair struct {
	Name  *string
	Value *string
	state [3]uint64
	sizeCache int32
}

type compiledLabels struct {
	names     []string
	labelConstraints map[string]func(string) string
}

// counter: prometheus client_golang counter.
type counter struct {
	valBits    uint64
	valInt     uint64
	selfCollector
	desc       *Desc
	createdTs  *Timestamp
	labelPairs []*LabelPair
	exemplar   atomic.Value
	now        func() time.Time
}

type selfCollector struct {
	self any
}

type Timestamp struct {
	Seconds int64
	Nanos   int32
}

// histogram: prometheus client_golang histogram.
type histogram struct {
	countAndHotIdx uint64
	selfCollector
	desc              *Desc
	mtx               sync.Mutex
	counts            [2]*histogramCounts
	upperBounds       []float64
	labelPairs        []*LabelPair
	exemplars         []atomic.Value
	now               func() time.Time
	afterFunc         func(time.Duration, func()) *time.Timer
	nativeHistogramSchema          int32
	nativeHistogramZeroThreshold   float64
	nativeHistogramMaxZeroThreshold float64
	nativeHistogramMaxBuckets      uint32
	nativeHistogramMinResetDuration time.Duration
	lastResetTime                  time.Time
	resetScheduled                 bool
}

type histogramCounts struct {
	sumBits             uint64
	count               uint64
	nativeHistogramZeroBucket uint64
	nativeHistogramZeroThresholdBits uint64
	nativeHistogramSchema int32
	nativeHistogramBucketsNumber uint32
	buckets             []uint64
	nativeHistogramBucketsPositive, nativeHistogramBucketsNegative sync.Map
}

// MetricVec: prometheus client_golang metricVec / metricMap.
type metricMap struct {
	mtx       sync.RWMutex
	metrics   map[uint64][]metricWithLabelValues
	desc      *Desc
	newMetric func(labelValues ...string) any
}

type metricWithLabelValues struct {
	values []string
	metric any
}

// Sample: prometheus tsdb / promql Sample.
type Sample struct {
	T int64
	F float64
	H *FloatHistogram
	Metric Labels
}

type Labels []Label

type Label struct {
	Name, Value string
}

type FloatHistogram struct {
	CounterResetHint byte
	Schema           int32
	ZeroThreshold    float64
	ZeroCount        float64
	Count            float64
	Sum              float64
	PositiveSpans    []Span
	NegativeSpans    []Span
	PositiveBuckets  []float64
	NegativeBuckets  []float64
	CustomValues     []float64
}

type Span struct {
	Offset int32
	Length uint32
}

// memSeries: prometheus tsdb memSeries, leading fields.
type memSeries struct {
	ref  uint64
	lset Labels
	meta *Metadata
	shardHash uint64
	mmappedChunks []*mmappedChunk
	headChunks    *memChunk
	firstChunkID  int
	ooo           *memSeriesOOOFields
	mmMaxTime     int64
	nextAt        int64
	lastValue     float64
	lastHistogramValue *FloatHistogram
	sync.Mutex
	pendingCommit bool
}

type Metadata struct {
	Type, Unit, Help string
}

type mmappedChunk struct {
	ref              uint64
	numSamples       uint16
	minTime, maxTime int64
}

type memChunk struct {
	chunk            any
	minTime, maxTime int64
	prev             *memChunk
}

type memSeriesOOOFields struct {
	oooHeadChunk       *oooHeadChunk
	oooMmappedChunks   []*mmappedChunk
	firstOOOChunkID    int
}

type oooHeadChunk struct {
	chunk            []Sample
	minTime, maxTime int64
}
