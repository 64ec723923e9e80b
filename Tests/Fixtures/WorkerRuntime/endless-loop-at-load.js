// Top-level code that never finishes: the worker never gets to read a message.
for (;;) {}
