package layout

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/khareeta/khareeta/internal/text"
)

// gvGraph is the part of Graphviz's -Tjson output we read.
type gvGraph struct {
	BB       string     `json:"bb"`
	Subgraph int        `json:"_subgraph_cnt"`
	Objects  []gvObject `json:"objects"`
	Edges    []gvEdge   `json:"edges"`
}

type gvObject struct {
	GVID   int    `json:"_gvid"`
	Name   string `json:"name"`
	Pos    string `json:"pos"`
	Width  string `json:"width"`
	Height string `json:"height"`
	Draw   []gvOp `json:"_draw_"`
}

type gvEdge struct {
	GVID int    `json:"_gvid"`
	Tail int    `json:"tail"`
	Head int    `json:"head"`
	ID   string `json:"id"`
	Pos  string `json:"pos"`
	LP   string `json:"lp"`
}

type gvOp struct {
	Op     string       `json:"op"`
	Points [][2]float64 `json:"points"`
	Rect   []float64    `json:"rect"`
}

func parseGV(data []byte) (*gvGraph, error) {
	var g gvGraph
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("read graphviz output: %w", err)
	}
	return &g, nil
}

// floats parses "a,b,c" into numbers.
func floats(s string) ([]float64, error) {
	parts := strings.Split(strings.TrimSpace(s), ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, fmt.Errorf("bad number %q in %q", p, s)
		}
		out[i] = v
	}
	return out, nil
}

// flipper converts Graphviz coordinates (points, y up) to scene coordinates
// (y down, shifted by an offset).
type flipper struct {
	top    float64 // Graphviz y of the top of the bounding box
	dx, dy float64
}

func (f flipper) pt(x, y float64) text.Point { return text.Point{X: x + f.dx, Y: f.top - y + f.dy} }

func (f flipper) point(s string) (text.Point, error) {
	v, err := floats(s)
	if err != nil {
		return text.Point{}, err
	}
	if len(v) < 2 {
		return text.Point{}, fmt.Errorf("bad point %q", s)
	}
	return f.pt(v[0], v[1]), nil
}

// splinePos parses an edge's pos attribute: "[s,x,y ][e,x,y ]p1 p2 … p3n+1"
// (several splines separated by ";" are concatenated).
func (f flipper) splinePos(s string) (pts []text.Point, start, end *text.Point, err error) {
	for _, spline := range strings.Split(s, ";") {
		for _, tok := range strings.Fields(spline) {
			switch {
			case strings.HasPrefix(tok, "e,"):
				p, err := f.point(tok[2:])
				if err != nil {
					return nil, nil, nil, err
				}
				end = &p
			case strings.HasPrefix(tok, "s,"):
				p, err := f.point(tok[2:])
				if err != nil {
					return nil, nil, nil, err
				}
				start = &p
			default:
				p, err := f.point(tok)
				if err != nil {
					return nil, nil, nil, err
				}
				pts = append(pts, p)
			}
		}
	}
	return pts, start, end, nil
}

// shapePaths converts a node's xdot drawing operations into its closed
// outline (the first filled or outlined shape) and open decorations.
func (f flipper) shapePaths(ops []gvOp) (outline, decor text.Path) {
	for _, op := range ops {
		var p text.Path
		closed := true
		switch op.Op {
		case "p", "P":
			p = f.polyline(op.Points).Close()
		case "b", "B":
			p = f.bezier(op.Points)
			closed = op.Op == "B" || (len(op.Points) > 1 && op.Points[0] == op.Points[len(op.Points)-1])
			if closed {
				p = p.Close()
			}
		case "e", "E":
			if len(op.Rect) == 4 {
				p = text.Ellipse(f.pt(op.Rect[0], op.Rect[1]), op.Rect[2], op.Rect[3])
			}
		case "L":
			p = f.polyline(op.Points)
			closed = false
		default:
			continue
		}
		if len(p) == 0 {
			continue
		}
		if outline == nil && closed {
			outline = p
		} else {
			decor = append(decor, p...)
		}
	}
	return outline, decor
}

func (f flipper) polyline(pts [][2]float64) text.Path {
	var p text.Path
	for i, q := range pts {
		if i == 0 {
			p = p.MoveTo(f.pt(q[0], q[1]))
		} else {
			p = p.LineTo(f.pt(q[0], q[1]))
		}
	}
	return p
}

func (f flipper) bezier(pts [][2]float64) text.Path {
	if len(pts) == 0 {
		return nil
	}
	p := text.Path{}.MoveTo(f.pt(pts[0][0], pts[0][1]))
	for i := 1; i+2 < len(pts); i += 3 {
		p = p.CubeTo(f.pt(pts[i][0], pts[i][1]), f.pt(pts[i+1][0], pts[i+1][1]), f.pt(pts[i+2][0], pts[i+2][1]))
	}
	return p
}

// arrowHead builds a filled arrowhead from the end of an edge's curve to
// its tip.
func arrowHead(base, tip text.Point) text.Path {
	dx, dy := tip.X-base.X, tip.Y-base.Y
	l := math.Hypot(dx, dy)
	if l < 1e-6 {
		return nil
	}
	ux, uy := dx/l, dy/l
	half := l * 0.38
	left := text.Point{X: base.X - uy*half, Y: base.Y + ux*half}
	right := text.Point{X: base.X + uy*half, Y: base.Y - ux*half}
	return text.Path{}.MoveTo(tip).LineTo(left).LineTo(right).Close()
}
