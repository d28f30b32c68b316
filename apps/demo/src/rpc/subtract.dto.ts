import { IsNumber } from 'class-validator';

export class SubtractDto {
  @IsNumber()
  minuend!: number;

  @IsNumber()
  subtrahend!: number;
}
