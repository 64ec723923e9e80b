FEATURES = {}
}
