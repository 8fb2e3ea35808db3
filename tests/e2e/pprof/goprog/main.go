// goprog: writes the Go profiles flame-pprof reads, with runtime/pprof only (no network, no modules):
// CPU (with pprof.Labels on part of the work and an inlined function), heap, goroutine, mutex and block.
//
//	goprog DIR   -> DIR/cpu.pb.gz heap.pb.gz goroutine.pb.gz mutex.pb.gz block.pb.gz
package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var sink []byte

//go:noinline
func spinA(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i * i
	}
	return s
}

//go:noinline
func spinB(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s ^= i
	}
	return s
}

// inlined is small enough for the compiler to inline into its caller: its frame is an inline frame.
func inlined(n int) int { return spinA(n) + 1 }

//go:noinline
func allocate(n int) {
	for i := 0; i < n; i++ {
		sink = append(sink, make([]byte, 1024)...)
	}
}

// contend makes mutex and block profile samples: goroutines queue on one lock.
//
//go:noinline
func contend() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				mu.Lock()
				time.Sleep(100 * time.Microsecond)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func write(dir, name string, f func(*os.File) error) {
	out, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		panic(err)
	}
	if err := f(out); err != nil {
		panic(err)
	}
	out.Close()
}

func main() {
	dir := os.Args[1]
	runtime.MemProfileRate = 4096
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	cpu, err := os.Create(filepath.Join(dir, "cpu.pb.gz"))
	if err != nil {
		panic(err)
	}
	pprof.StartCPUProfile(cpu)
	total := 0
	pprof.Do(context.Background(), pprof.Labels("worker", "a"), func(context.Context) {
		for i := 0; i < 400; i++ {
			total += inlined(3000000)
		}
	})
	pprof.Do(context.Background(), pprof.Labels("worker", "b"), func(context.Context) {
		for i := 0; i < 200; i++ {
			total += spinB(3000000)
		}
	})
	for i := 0; i < 200; i++ {
		total += spinB(3000000)
	}
	allocate(2000)
	contend()
	pprof.StopCPUProfile()
	cpu.Close()
	write(dir, "heap.pb.gz", func(f *os.File) error { return pprof.Lookup("heap").WriteTo(f, 0) })
	write(dir, "goroutine.pb.gz", func(f *os.File) error { return pprof.Lookup("goroutine").WriteTo(f, 0) })
	write(dir, "mutex.pb.gz", func(f *os.File) error { return pprof.Lookup("mutex").WriteTo(f, 0) })
	write(dir, "block.pb.gz", func(f *os.File) error { return pprof.Lookup("block").WriteTo(f, 0) })
	if total == 42 {
		println()
	}
}
