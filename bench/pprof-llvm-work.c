// pprof-llvm-work.c (bench/pprof.sh): builds, verifies, prints and throws away LLVM modules through LLVM's C API in a loop, so that
// its CPU profile spreads over many functions of libLLVM (tens of thousands of symbols).
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <stdio.h>
#include <stdlib.h>

static void build(LLVMContextRef ctx, int n) {
  LLVMModuleRef m = LLVMModuleCreateWithNameInContext("bench", ctx);
  LLVMTypeRef i64 = LLVMInt64TypeInContext(ctx);
  LLVMTypeRef params[2] = {i64, i64};
  LLVMBuilderRef b = LLVMCreateBuilderInContext(ctx);
  for (int f = 0; f < 20; ++f) {
    char name[32];
    snprintf(name, sizeof name, "f%d", f);
    LLVMValueRef fn = LLVMAddFunction(m, name, LLVMFunctionType(i64, params, 2, 0));
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(ctx, fn, "entry"));
    LLVMValueRef x = LLVMGetParam(fn, 0), y = LLVMGetParam(fn, 1);
    for (int i = 0; i < n; ++i) {
      x = LLVMBuildAdd(b, x, LLVMBuildMul(b, y, LLVMConstInt(i64, (unsigned long long)i, 0), ""), "");
      y = LLVMBuildXor(b, y, x, "");
    }
    LLVMBuildRet(b, x);
  }
  LLVMVerifyModule(m, LLVMReturnStatusAction, NULL);
  char* text = LLVMPrintModuleToString(m);
  LLVMDisposeMessage(text);
  LLVMDisposeBuilder(b);
  LLVMDisposeModule(m);
}

int main(int argc, char** argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 100;
  LLVMContextRef ctx = LLVMContextCreate();
  for (int r = 0; r < rounds; ++r) build(ctx, 200);
  LLVMContextDispose(ctx);
  return 0;
}
