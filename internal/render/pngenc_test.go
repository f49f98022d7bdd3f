package render

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"testing"
)

func TestEncodePNGRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, size := range [][2]int{{1, 1}, {3, 300}, {517, 129}, {64, 1000}} {
		img := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		for y := 0; y < size[1]; y++ {
			for x := 0; x < size[0]; x++ {
				c := color.RGBA{255, 255, 255, 255}
				if (x*7+y*3)%11 == 0 || r.Intn(20) == 0 {
					c = color.RGBA{uint8(r.Intn(256)), uint8(r.Intn(256)), uint8(r.Intn(256)), 255}
				}
				img.SetRGBA(x, y, c)
			}
		}
		var buf bytes.Buffer
		if err := encodePNG(&buf, img); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%v: decode: %v", size, err)
		}
		for y := 0; y < size[1]; y++ {
			for x := 0; x < size[0]; x++ {
				want := img.RGBAAt(x, y)
				gr, gg, gb, _ := got.At(x, y).RGBA()
				if uint8(gr>>8) != want.R || uint8(gg>>8) != want.G || uint8(gb>>8) != want.B {
					t.Fatalf("%v: pixel (%d,%d) = %v, want %v", size, x, y, got.At(x, y), want)
				}
			}
		}
	}
}

func TestAdler32Combine(t *testing.T) {
	a, b := []byte("الأمن المجتمعي"), bytes.Repeat([]byte{0, 255, 7}, 70000)
	want := adler32.Checksum(append(append([]byte{}, a...), b...))
	if got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b)); got != want {
		t.Errorf("combine = %08x, want %08x", got, want)
	}
}
