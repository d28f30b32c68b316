import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class DemoLoginDto {
  @IsString()
  @Length(1, 64)
  username!: string;

  @IsString()
  password!: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,32}$/)
  platform?: string;
}
