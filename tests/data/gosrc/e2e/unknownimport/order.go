package order

import "github.com/acme/money"

type Order struct {
	ID    int64
	Total money.Amount
}
