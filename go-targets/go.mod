module mapscope.test/targets

go 1.26
