import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ListExercisesQueryDto, SaveExerciseDto } from './exercises.dto';

const firstReasons = async (cls: new () => object, plain: object) => {
  const errors = await validate(plainToInstance(cls, plain), { stopAtFirstError: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})[0]]));
};

describe('SaveExerciseDto', () => {
  it('names what is missing in words a counselor understands', async () => {
    expect(await firstReasons(SaveExerciseDto, { title: '  ' })).toEqual({
      title: 'Give the exercise a title.',
      stage: 'Choose a stage of the path of repair.',
      audience: 'Choose who the exercise is for.',
      recurrence: 'Choose how often it is done.',
      instructions: 'Write the instructions the client reads.',
      fields: 'Add at least one field.',
    });
  });
});

describe('ListExercisesQueryDto', () => {
  it('lists active exercises unless asked otherwise, and reads mine=true', () => {
    const query = plainToInstance(ListExercisesQueryDto, { mine: 'true' });
    expect(query.status).toBe('active');
    expect(query.mine).toBe(true);
  });
});
