package corpus

import (
	"sync"
	"time"
)

// Time: k8s.io/apimachinery metav1.Time (an embedded time.Time).
type Time struct {
	time.Time `protobuf:"-"`
}

// ObjectMeta: the shape of k8s metav1.ObjectMeta.
type ObjectMeta struct {
	Name                       string            `json:"name,omitempty"`
	GenerateName               string            `json:"generateName,omitempty"`
	Namespace                  string            `json:"namespace,omitempty"`
	SelfLink                   string            `json:"selfLink,omitempty"`
	UID                        UID               `json:"uid,omitempty"`
	ResourceVersion            string            `json:"resourceVersion,omitempty"`
	Generation                 int64             `json:"generation,omitempty"`
	CreationTimestamp          Time              `json:"creationTimestamp,omitempty"`
	DeletionTimestamp          *Time             `json:"deletionTimestamp,omitempty"`
	DeletionGracePeriodSeconds *int64            `json:"deletionGracePeriodSeconds,omitempty"`
	Labels                     map[string]string `json:"labels,omitempty"`
	Annotations                map[string]string `json:"annotations,omitempty"`
	OwnerReferences            []OwnerReference  `json:"ownerReferences,omitempty"`
	Finalizers                 []string          `json:"finalizers,omitempty"`
	ManagedFields              []ManagedFieldsEntry
}

type UID string

// TypeMeta: k8s metav1.TypeMeta.
type TypeMeta struct {
	Kind       string `json:"kind,omitempty"`
	APIVersion string `json:"apiVersion,omitempty"`
}

// OwnerReference: k8s metav1.OwnerReference.
type OwnerReference struct {
	APIVersion         string
	Kind               string
	Name               string
	UID                UID
	Controller         *bool
	BlockOwnerDeletion *bool
}

// ManagedFieldsEntry: k8s metav1.ManagedFieldsEntry.
type ManagedFieldsEntry struct {
	Manager     string
	Operation   ManagedFieldsOperationType
	APIVersion  string
	Time        *Time
	FieldsType  string
	FieldsV1    *FieldsV1
	Subresource string
}

type ManagedFieldsOperationType string

type FieldsV1 struct {
	Raw []byte
}

// Pod: k8s corev1.Pod.
type Pod struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
	Spec       PodSpec
	Status     PodStatus
}

// PodSpec: k8s corev1.PodSpec, leading fields.
type PodSpec struct {
	Volumes                       []Volume
	InitContainers                []Container
	Containers                    []Container
	RestartPolicy                 string
	TerminationGracePeriodSeconds *int64
	ActiveDeadlineSeconds         *int64
	DNSPolicy                     string
	NodeSelector                  map[string]string
	ServiceAccountName            string
	AutomountServiceAccountToken  *bool
	NodeName                      string
	HostNetwork                   bool
	HostPID                       bool
	HostIPC                       bool
	ShareProcessNamespace         *bool
	Hostname                      string
	Subdomain                     string
	Priority                      *int32
	EnableServiceLinks            *bool
	HostUsers                     *bool
}

type Volume struct {
	Name string
	VolumeSource
}

type VolumeSource struct {
	HostPath  *HostPathVolumeSource
	EmptyDir  *EmptyDirVolumeSource
	Secret    *SecretVolumeSource
	ConfigMap *ConfigMapVolumeSource
}

type HostPathVolumeSource struct {
	Path string
	Type *string
}

type EmptyDirVolumeSource struct {
	Medium    string
	SizeLimit *Quantity
}

type SecretVolumeSource struct {
	SecretName  string
	Items       []KeyToPath
	DefaultMode *int32
	Optional    *bool
}

type ConfigMapVolumeSource struct {
	Name        string
	Items       []KeyToPath
	DefaultMode *int32
	Optional    *bool
}

type KeyToPath struct {
	Key  string
	Path string
	Mode *int32
}

// Quantity: k8s resource.Quantity.
type Quantity struct {
	i      int64Amount
	d      infDecAmount
	s      string
	Format string
}

type int64Amount struct {
	value int64
	scale int32
}

type infDecAmount struct {
	Dec *bigInt
}

// Container: k8s corev1.Container, leading fields.
type Container struct {
	Name                     string
	Image                    string
	Command                  []string
	Args                     []string
	WorkingDir               string
	Ports                    []ContainerPort
	Env                      []EnvVar
	TerminationMessagePath   string
	ImagePullPolicy          string
	Stdin                    bool
	StdinOnce                bool
	TTY                      bool
}

type ContainerPort struct {
	Name          string
	HostPort      int32
	ContainerPort int32
	Protocol      string
	HostIP        string
}

type EnvVar struct {
	Name      string
	Value     string
	ValueFrom *struct {
		FieldRef *struct{ APIVersion, FieldPath string }
	}
}

// PodStatus: k8s corev1.PodStatus, leading fields.
type PodStatus struct {
	Phase      string
	Conditions []PodCondition
	Message    string
	Reason     string
	HostIP     string
	PodIP      string
	StartTime  *Time
	QOSClass   string
}

type PodCondition struct {
	Type               string
	Status             string
	LastProbeTime      Time
	LastTransitionTime Time
	Reason             string
	Message            string
}

// threadSafeStore: k8s client-go cache.threadSafeStore.
type threadSafeStore struct {
	lock  sync.RWMutex
	items map[string]interface{}
	index *storeIndex
}

type storeIndex struct {
	indexers map[string]func(obj interface{}) ([]string, error)
	indices  map[string]map[string]map[string]struct{}
}
