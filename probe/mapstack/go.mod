module mapstack

go 1.19
