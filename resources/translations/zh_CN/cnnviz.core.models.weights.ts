<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.weights</name>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{name} is a course network: it has no torchvision pretrained weights (its default weights are bundled with cnnviz)</source>
      <translation>{name} 是课程网络：它没有 torchvision 预训练权重（它的默认权重随 cnnviz 自带）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>weights file not found: {path} (use none, default or the path of a weights file)</source>
      <translation>找不到权重文件：{path}（请使用 none、default 或一个权重文件的路径）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>weights path {path} {problem}</source>
      <translation>权重路径 {path}：{problem}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>weights file {path} is empty</source>
      <translation>权重文件 {path} 是空的</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} is a TorchScript model, not a weights file: it contains code. Pass it as --model {path} together with --trust-code if you trust its source</source>
      <translation>{path} 是 TorchScript 模型，不是权重文件：它包含代码。如果信任其来源，请用 --model {path} 并加上 --trust-code</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} is not a valid safetensors file ({reason})</source>
      <translation>{path} 不是有效的 safetensors 文件（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} is not a PyTorch weights file (neither a torch.save archive nor a pickle of tensors)</source>
      <translation>{path} 不是 PyTorch 权重文件（既不是 torch.save 归档，也不是张量的 pickle）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} is not a PyTorch weights file ({reason})</source>
      <translation>{path} 不是 PyTorch 权重文件（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source> (it needs {name})</source>
      <translation>（它需要 {name}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} is refused: loading it would run code from the file{needs}. cnnviz loads .pt/.pth files with torch.load(weights_only=True) only. If it is a TorchScript model, pass it as --model with --trust-code; otherwise convert its state dict to .safetensors in a Python session you trust</source>
      <translation>已拒绝 {path}：加载它会运行文件中的代码{needs}。cnnviz 只用 torch.load(weights_only=True) 加载 .pt/.pth 文件。如果它是 TorchScript 模型，请用 --model 并加上 --trust-code；否则请在你信任的 Python 会话中把它的 state dict 转换为 .safetensors</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} holds a single tensor, not a state dict of named tensors</source>
      <translation>{path} 只保存了一个张量，而不是由具名张量组成的 state dict</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} holds a {type}, not a state dict of named tensors</source>
      <translation>{path} 保存的是 {type}，而不是由具名张量组成的 state dict</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} holds no tensors</source>
      <translation>{path} 中没有张量</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{key} is a {type}</source>
      <translation>{key} 是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{path} is not a plain state dict: {entries}; cnnviz needs a mapping of names to tensors</source>
      <translation>{path} 不是普通的 state dict：{entries}；cnnviz 需要从名称到张量的映射</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>weights from {source} do not fit {model}: {problems}</source>
      <translation>{source} 中的权重与 {model} 不匹配：{problems}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>{key} (expected {expected}, got {got})</source>
      <translation>{key}（应为 {expected}，实为 {got}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>missing keys</source>
      <translation>缺少的键</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>unexpected keys</source>
      <translation>多余的键</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>mis-shaped keys</source>
      <translation>形状不符的键</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>checkpoint </source>
      <translation>检查点 </translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>checkpoint not found: {path}</source>
      <translation>找不到检查点：{path}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/weights.py" />
      <source>checkpoint {path} {problem}</source>
      <translation>检查点 {path}：{problem}</translation>
    </message>
  </context>
</TS>
