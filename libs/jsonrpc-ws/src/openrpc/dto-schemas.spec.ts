import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, ValidateBy, ValidateNested } from 'class-validator';
import { DtoSchemas, enumSchema } from './dto-schemas';

enum Level {
  Low = 1,
  High = 2,
}
enum Mixed {
  A = 'a',
  B = 2,
}

class LeafSpecDto {
  @IsString()
  name!: string;
}

class BranchSpecDto {
  @ValidateNested()
  @Type(() => LeafSpecDto)
  leaf!: LeafSpecDto;
}

class RootSpecDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => BranchSpecDto)
  branch?: BranchSpecDto;

  @IsEnum(Level)
  level!: Level;

  // A custom rule on an object-typed property: the converter points it at "Object".
  @ValidateBy({ name: 'anything', validator: { validate: () => true } })
  extra!: Record<string, unknown>;
}

describe('enumSchema', () => {
  it("lists a numeric enum's values, not the names it maps them back to", () => {
    expect(enumSchema({ constraints: [Level] })).toEqual({ type: 'number', enum: [1, 2] });
  });

  it('types a string enum, and leaves a mixed one untyped', () => {
    expect(enumSchema({ constraints: [{ X: 'x', Y: 'y' }] })).toEqual({
      type: 'string',
      enum: ['x', 'y'],
    });
    expect(enumSchema({ constraints: [Mixed] })).toEqual({ enum: ['a', 2] });
  });
});

describe('DtoSchemas', () => {
  it('converts a DTO with class-validator-jsonschema, @IsOptional() out of required', () => {
    const schema = new DtoSchemas().schemaOf(RootSpecDto);

    expect(schema).toMatchObject({
      type: 'object',
      properties: {
        branch: { $ref: '#/components/schemas/BranchSpecDto' },
        level: { type: 'number', enum: [1, 2] },
      },
      required: ['level', 'extra'],
    });
  });

  it('drops $refs to schemas that do not exist', () => {
    const schema = new DtoSchemas().schemaOf(RootSpecDto)!;

    expect((schema.properties as Record<string, unknown>).extra).toEqual({});
  });

  it('collects the DTOs a schema refers to, transitively, and only those', () => {
    const dtos = new DtoSchemas();
    dtos.schemaOf(RootSpecDto);

    expect(Object.keys(dtos.components())).toEqual(['BranchSpecDto', 'LeafSpecDto']);
    expect(dtos.components().BranchSpecDto).toMatchObject({
      properties: { leaf: { $ref: '#/components/schemas/LeafSpecDto' } },
    });
  });

  it('refers to a DTO by $ref and keeps it among the components', () => {
    const dtos = new DtoSchemas();

    expect(dtos.refTo(LeafSpecDto)).toEqual({ $ref: '#/components/schemas/LeafSpecDto' });
    expect(Object.keys(dtos.components())).toEqual(['LeafSpecDto']);
  });

  it('knows no schema when the converter is missing (class-validator-jsonschema not installed)', () => {
    const dtos = new DtoSchemas(() => ({}));

    expect(dtos.schemaOf(RootSpecDto)).toBeUndefined();
    expect(dtos.refTo(RootSpecDto)).toBeUndefined();
    expect(dtos.components()).toEqual({});
  });

  it('converts once, on first use', () => {
    const convert = vi.fn(() => ({}));
    const dtos = new DtoSchemas(convert);
    expect(convert).not.toHaveBeenCalled();
    dtos.schemaOf(RootSpecDto);
    dtos.refTo(LeafSpecDto);

    expect(convert).toHaveBeenCalledTimes(1);
  });
});
