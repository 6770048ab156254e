module mapprobe

go 1.21
