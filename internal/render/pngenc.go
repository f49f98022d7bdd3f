package render

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
)

// encodePNG writes an opaque RGBA image as an 8-bit RGB PNG. It is several
// times faster than image/png on large maps: every row uses the Up filter
// (rows of a map repeat a lot) instead of trying all five filters per row,
// deflate runs at its fastest level, and bands of rows are compressed on
// all cores and joined into one zlib stream (as pigz does). Alpha is
// dropped: the scene's background is opaque.
func encodePNG(w io.Writer, img *image.RGBA) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	width, height := img.Rect.Dx(), img.Rect.Dy()
	if _, err := bw.WriteString("\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, truecolour
	if err := writeChunk(bw, "IHDR", ihdr[:]); err != nil {
		return err
	}

	// A few bands per core: each costs a deflate writer's set-up (about a
	// megabyte to clear) and loses a little compression at its start.
	nb := max(1, min(height/64, 4*runtime.NumCPU()))
	bandRows := (height + nb - 1) / nb
	nb = (height + bandRows - 1) / bandRows
	bands := make([]band, nb)
	var wg sync.WaitGroup
	next := make(chan int, nb)
	for i := range nb {
		next <- i
	}
	close(next)
	for range min(runtime.NumCPU(), nb) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				bands[i] = compressBand(img, i*bandRows, min((i+1)*bandRows, height), i == nb-1)
			}
		}()
	}
	wg.Wait()

	idat := &chunkWriter{w: bw, typ: "IDAT"}
	idat.Write([]byte{0x78, 0x01}) // zlib header: deflate, 32K window, fastest
	var sum uint32 = 1
	for _, b := range bands {
		if b.err != nil {
			return fmt.Errorf("compress png: %w", b.err)
		}
		if _, err := idat.Write(b.data); err != nil {
			return err
		}
		sum = adler32Combine(sum, b.adler, b.n)
	}
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], sum)
	if _, err := idat.Write(tail[:]); err != nil {
		return err
	}
	if err := idat.flush(); err != nil {
		return err
	}
	if err := writeChunk(bw, "IEND", nil); err != nil {
		return err
	}
	return bw.Flush()
}

// band is a run of rows deflated on its own.
type band struct {
	data  []byte
	adler uint32 // of the uncompressed, filtered rows
	n     int    // their length
	err   error
}

// compressBand filters rows y0..y1 (Up, against row y0-1) and deflates
// them, ending with a sync flush, or with the final block for the last band.
func compressBand(img *image.RGBA, y0, y1 int, last bool) band {
	width := img.Rect.Dx()
	var out bytes.Buffer
	fw, err := flate.NewWriter(&out, flate.BestSpeed)
	if err != nil {
		return band{err: err}
	}
	ad := adler32.New()
	row := make([]byte, 1+3*width)
	zero := make([]byte, 1+3*width)
	zero[0] = 2
	row[0] = 2 // Up
	n := 0
	for y := y0; y < y1; y++ {
		src := img.Pix[y*img.Stride : y*img.Stride+4*width]
		var prev []byte
		if y > 0 {
			prev = img.Pix[(y-1)*img.Stride : (y-1)*img.Stride+4*width]
		}
		out := row
		switch {
		case prev != nil && bytes.Equal(src, prev):
			out = zero
		case prev == nil:
			for x, j := 0, 1; x < len(src); x, j = x+4, j+3 {
				row[j], row[j+1], row[j+2] = src[x], src[x+1], src[x+2]
			}
		default:
			for x, j := 0, 1; x < len(src); x, j = x+4, j+3 {
				row[j], row[j+1], row[j+2] = src[x]-prev[x], src[x+1]-prev[x+1], src[x+2]-prev[x+2]
			}
		}
		ad.Write(out)
		n += len(out)
		if _, err := fw.Write(out); err != nil {
			return band{err: err}
		}
	}
	if last {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	return band{data: out.Bytes(), adler: ad.Sum32(), n: n, err: err}
}

// adler32Combine returns the Adler-32 of A followed by B (of length lenB)
// from their own checksums, as zlib's adler32_combine does.
func adler32Combine(a, b uint32, lenB int) uint32 {
	const base = 65521
	rem := uint32(lenB % base)
	sum1 := a & 0xffff
	sum2 := (rem * sum1) % base
	sum1 += (b & 0xffff) + base - 1
	sum2 += (a >> 16) + (b >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

func writeChunk(w io.Writer, typ string, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc.Sum32())
	for _, b := range [][]byte{hdr[:], data, sum[:]} {
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("write png: %w", err)
		}
	}
	return nil
}

// chunkWriter splits what is written to it into PNG chunks of up to 256 KiB.
type chunkWriter struct {
	w   io.Writer
	typ string
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		room := 1<<18 - len(c.buf)
		k := min(room, len(p))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == 1<<18 {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	err := writeChunk(c.w, c.typ, c.buf)
	c.buf = c.buf[:0]
	return err
}
