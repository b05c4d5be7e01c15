<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.code_trust</name>
    <message>
      <location filename="cnnviz/gui/code_trust.py" />
      <source>{path}: too big for a Python model file ({size} MB)</source>
      <translation>{path}：作为 Python 模型文件太大了（{size} MB）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/code_trust.py" />
      <source>{path}: not a Python file (not UTF-8 text)</source>
      <translation>{path}：不是 Python 文件（不是 UTF-8 文本）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/code_trust.py" />
      <source>{path}: cannot be read ({reason})</source>
      <translation>{path}：无法读取（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/code_trust.py" />
      <source>{path}, line {line}: SyntaxError: {message}</source>
      <translation>{path}，第 {line} 行：SyntaxError：{message}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/code_trust.py" />
      <source>{path}: not a Python file ({reason})</source>
      <translation>{path}：不是 Python 文件（{reason}）</translation>
    </message>
  </context>
</TS>
