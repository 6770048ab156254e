module mapchurn

go 1.21
