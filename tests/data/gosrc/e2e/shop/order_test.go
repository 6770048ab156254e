package shop

type ignored struct{ notRead Unknown }
