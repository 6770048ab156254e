module gosrcgen

go 1.21
