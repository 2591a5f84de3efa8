import React, { useState } from "react";

export interface ButtonProps {
  label: string;
  onClick?: () => void;
}

export function Button({ label, onClick }: ButtonProps) {
  const [pressed, setPressed] = useState(false);
  return (
    <button
      className={pressed ? "pressed" : ""}
      onClick={() => {
        setPressed(true);
        onClick?.();
      }}
    >
      {label}
    </button>
  );
}

export default class Toolbar extends React.Component<{ items: string[] }> {
  render() {
    return <div>{this.props.items.map((i) => <Button key={i} label={i} />)}</div>;
  }
}
