print("proctoring-assets")
