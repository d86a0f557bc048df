// hello: a WASI program with no Go runtime (C, wasi-libc): mapscope runs it as a plain WASI program.
// Its first argument picks the ending: a number is the exit code, "t" traps.
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  printf("hello from C, %d args\n", argc);
  fprintf(stderr, "to stderr\n");
  if (argc > 1 && argv[1][0] == 't') __builtin_trap();
  return argc > 1 ? atoi(argv[1]) : 0;
}
