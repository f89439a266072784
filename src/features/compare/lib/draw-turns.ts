// Moved to src/components/chart (the task Scalars tab draws its charts in turns too).
export { afterPaint, DrawTurns } from '../../../components/chart/draw-turns';
