DEBUG = False
DOC = """never
closed
