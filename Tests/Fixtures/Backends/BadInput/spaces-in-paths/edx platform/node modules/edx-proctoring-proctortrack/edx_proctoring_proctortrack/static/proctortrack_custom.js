self.onmessage = null;
