package shop

type Item struct {
	SKU   [skuLen]byte
	Price Cents
	Next  *Item
}

type Cents = int64

const skuLen = 4 * 3
