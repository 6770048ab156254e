package shop

import "time"

// Order is declared in the worst field order on purpose.
type Order struct {
	Paid   bool
	ID     int64
	Open   bool
	Items  []*Item
	Placed time.Time
	Qty    int16
}
