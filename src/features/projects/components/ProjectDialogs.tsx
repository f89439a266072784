import { NameDialog, type NameDialogProps } from '../../../components/NameDialog';

/** Asks for a project path (`team/vision/resnet`); used to create and to rename. */
export function ProjectNameDialog(props: Omit<NameDialogProps, 'label' | 'helperText'>) {
  return <NameDialog {...props} label="Project path" helperText="Use / to nest projects, e.g. team/vision/resnet" />;
}
