module mapchurn

go 1.24
